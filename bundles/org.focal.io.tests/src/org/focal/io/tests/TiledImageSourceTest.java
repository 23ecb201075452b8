package org.focal.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;
import org.focal.io.internal.BoundedTileCache;
import org.junit.jupiter.api.Test;

class TiledImageSourceTest {

    /** Two levels, 32 x 32 tiles; a pixel's value encodes its level and position, so every copy can be checked. */
    static final class Synthetic extends TiledImageSource {
        final AtomicInteger decodes = new AtomicInteger();
        final ImageMetadata metadata = new ImageMetadata("synthetic", 100, 70, 1, 1, 1, PixelType.FLOAT32,
                PixelCalibration.UNCALIBRATED, List.of(new ResolutionLevel(1, 100, 70), new ResolutionLevel(2, 50, 35)),
                32, 32, List.of(), Map.of());

        Synthetic(TileCache cache) {
            super(cache);
        }

        static float value(int level, int x, int y) {
            return level * 100_000 + y * 1000 + x;
        }

        @Override
        public ImageMetadata metadata() {
            return metadata;
        }

        @Override
        public ImageReference reference() {
            return new ImageReference(URI.create("mem:synthetic"), "synthetic");
        }

        @Override
        protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) {
            decodes.incrementAndGet();
            ResolutionLevel l = metadata.levels().get(level);
            int w = Math.min(32, l.width() - tileX * 32);
            int h = Math.min(32, l.height() - tileY * 32);
            float[] data = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = value(level, tileX * 32 + x, tileY * 32 + y);
                }
            }
            return new PixelBuffer(w, h, 1, PixelType.FLOAT32, data);
        }

        @Override
        public void close() {
            releaseTiles();
        }
    }

    @Test
    void regionAcrossTileBordersIsAssembledExactly() throws IOException {
        try (Synthetic s = new Synthetic(new BoundedTileCache(1 << 20))) {
            PixelBuffer b = s.read(RegionRequest.of(20, 25, 40, 35));
            assertEquals(40, b.width());
            assertEquals(35, b.height());
            for (int y = 0; y < 35; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals(Synthetic.value(0, 20 + x, 25 + y), b.get(x, y, 0), "at " + x + "," + y);
                }
            }
            assertEquals(4, s.decodes.get()); // tiles (0,0) (1,0) (0,1) (1,1)
            s.read(RegionRequest.of(20, 25, 40, 35));
            assertEquals(4, s.decodes.get(), "second read must come from the cache");
        }
    }

    @Test
    void outsideTheImageIsZero() throws IOException {
        try (Synthetic s = new Synthetic(new BoundedTileCache(1 << 20))) {
            PixelBuffer b = s.read(RegionRequest.of(90, 60, 20, 20));
            assertEquals(Synthetic.value(0, 95, 65), b.get(5, 5, 0));
            assertEquals(0, b.get(10, 5, 0));
            assertEquals(0, b.get(5, 10, 0));
        }
    }

    @Test
    void exactLevelDownsampleReadsThatLevel() throws IOException {
        try (Synthetic s = new Synthetic(new BoundedTileCache(1 << 20))) {
            PixelBuffer b = s.read(RegionRequest.of(40, 20, 40, 30).atDownsample(2));
            assertEquals(20, b.width());
            assertEquals(15, b.height());
            assertEquals(Synthetic.value(1, 20, 10), b.get(0, 0, 0));
            assertEquals(Synthetic.value(1, 39, 24), b.get(19, 14, 0));
        }
    }

    @Test
    void betweenLevelsAreaAveragesTheFinerLevel() throws IOException {
        try (Synthetic s = new Synthetic(new BoundedTileCache(1 << 20))) {
            PixelBuffer b = s.read(RegionRequest.of(0, 0, 40, 40).atDownsample(4));
            assertEquals(10, b.width());
            // level 1 (downsample 2) is read, then 2 x 2 blocks are averaged
            double expected = (Synthetic.value(1, 2, 4) + Synthetic.value(1, 3, 4) + Synthetic.value(1, 2, 5)
                    + Synthetic.value(1, 3, 5)) / 4.0;
            assertEquals(expected, b.get(1, 2, 0), 1e-3);
        }
    }

    @Test
    void cacheStaysWithinItsBoundAndForgetsClosedImages() throws IOException {
        BoundedTileCache cache = new BoundedTileCache(3 * 32 * 32 * 4);
        try (Synthetic s = new Synthetic(cache)) {
            s.read(RegionRequest.of(0, 0, 100, 70));
            assertTrue(cache.usedBytes() <= cache.maxBytes(), cache.usedBytes() + " > " + cache.maxBytes());
            assertTrue(cache.usedBytes() > 0);
        }
        assertEquals(0, cache.usedBytes());
    }

    @Test
    void planeOutsideTheImageIsRejected() throws IOException {
        try (Synthetic s = new Synthetic(new BoundedTileCache(1 << 20))) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> s.read(RegionRequest.of(0, 0, 10, 10).atPlane(1, 0)));
        }
    }
}
