package org.focal.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.PixelBuffers;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;
import org.focal.io.internal.BoundedTileCache;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 (5, 6): shrinking a large region of an image without a pyramid read the whole level
 * region into one buffer first, which overflowed (30000 x 30000 x 3) or ran out of memory.
 */
class BoundedReadTest {

    /** One level of 8-bit grey, 512 x 512 tiles, value (7x + 13y) mod 256. */
    static final class Flat extends TiledImageSource {
        final ImageMetadata metadata;

        Flat(TileCache cache, int width, int height) {
            super(cache);
            metadata = new ImageMetadata("flat", width, height, 1, 1, 1, PixelType.UINT8, PixelCalibration.UNCALIBRATED,
                    List.of(new ResolutionLevel(1, width, height)), 512, 512, List.of(), Map.of());
        }

        static int value(int x, int y) {
            return (7 * x + 13 * y) & 0xFF;
        }

        @Override
        public ImageMetadata metadata() {
            return metadata;
        }

        @Override
        public ImageReference reference() {
            return new ImageReference(URI.create("mem:flat"), "flat");
        }

        @Override
        protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) {
            int w = Math.min(512, metadata.width() - tileX * 512);
            int h = Math.min(512, metadata.height() - tileY * 512);
            byte[] data = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = (byte) value(tileX * 512 + x, tileY * 512 + y);
                }
            }
            return new PixelBuffer(w, h, 1, PixelType.UINT8, data);
        }

        @Override
        public void close() {
            releaseTiles();
        }
    }

    @Test
    void shrinkingInBandsGivesExactlyTheWholeRegionAveraged() throws IOException {
        int w = 5000;
        int h = 4000; // 20 M samples: more than one band
        byte[] all = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                all[y * w + x] = (byte) Flat.value(x, y);
            }
        }
        PixelBuffer whole = new PixelBuffer(w, h, 1, PixelType.UINT8, all);
        try (Flat flat = new Flat(new BoundedTileCache(8 << 20), w, h)) {
            for (double downsample : new double[] {7.3, 2, 1.5}) {
                RegionRequest request = new RegionRequest(0, 0, w, h, downsample, 0, 0);
                PixelBuffer expected = PixelBuffers.resize(whole, request.outputWidth(), request.outputHeight());
                PixelBuffer got = flat.read(request);
                assertEquals(expected.width(), got.width());
                assertEquals(expected.height(), got.height());
                assertArrayEquals((byte[]) expected.data(), (byte[]) got.data(), "downsample " + downsample);
            }
        }
    }

    @Test
    void regionLargerThanAnyBufferIsReadShrunk() throws IOException {
        try (Flat flat = new Flat(new BoundedTileCache(8 << 20), 2000, 2000)) {
            // 47000 x 47000 level pixels overflowed int before; read at 1/100 it is 470 x 470
            PixelBuffer b = flat.read(new RegionRequest(0, 0, 47000, 47000, 100, 0, 0));
            assertEquals(470, b.width());
            assertEquals(470, b.height());
            double sum = 0;
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    sum += Flat.value(x, y);
                }
            }
            assertEquals(Math.round(sum / 10000), b.get(0, 0, 0));
            assertEquals(0, b.get(469, 469, 0)); // outside the image
        }
    }
}
