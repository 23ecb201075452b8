package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OME-TIFFs written by tifffile (python3-tifffile, an independent writer) from real SVS tissue:
 * an RGB pyramid in SubIFDs, and a 16-bit 2-channel z-stack time series. The expected pixels are
 * the arrays the script wrote, saved next to the files.
 */
class OmeTiffTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws Exception {
        TestSupport.assumePythonModules("numpy", "tifffile", "openslide");
        Path script = Path.of(System.getProperty("focal.root", "."), "bundles/org.focal.io.tiff.tests/make_ome.py");
        TestSupport.run(TestSupport.python(), script.toString(), TestSupport.svs().toString(), dir.toString());
    }

    @Test
    void rgbPyramidInSubIfds() throws Exception {
        Path tif = dir.resolve("rgb.ome.tif");
        assertEquals(SupportLevel.SPECIFIC, TestSupport.reader().support(tif));
        try (ImageSource s = TestSupport.reader().open(tif, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals("ome-tiff", m.format());
            assertEquals(3, m.levels().size());
            assertEquals(3, m.channels());
            assertEquals(0.499, m.calibration().x(), 1e-12);
            assertEquals("um", m.calibration().unit());
            assertEquals("tissue", m.properties().get("ome.Image.Name"));
            for (int level = 0; level < 3; level++) {
                int w = m.levels().get(level).width();
                int h = m.levels().get(level).height();
                assertEquals(1536 >> level, w);
                assertEquals(1024 >> level, h);
                byte[] expected = Files.readAllBytes(dir.resolve("rgb" + level + ".raw"));
                PixelBuffer ours = ((TiffSource) s).readLevelRegion(level, 0, 0, w, h, 0, 0);
                assertArrayEquals(expected, (byte[]) ours.data(), "level " + level);
            }
            PixelBuffer quarter = s.read(new RegionRequest(0, 0, 1536, 1024, 4, 0, 0));
            assertArrayEquals(Files.readAllBytes(dir.resolve("rgb2.raw")), (byte[]) quarter.data());
        }
    }

    @Test
    void multiChannelZStackTimeSeries() throws Exception {
        Path tif = dir.resolve("stack.ome.tif");
        short[] all = new short[2 * 3 * 2 * 300 * 400];
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("stack.raw"))).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(all);
        try (ImageSource s = TestSupport.reader().open(tif, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals(400, m.width());
            assertEquals(300, m.height());
            assertEquals(3, m.sizeZ());
            assertEquals(2, m.sizeT());
            assertEquals(2, m.channels());
            assertEquals(PixelType.UINT16, m.pixelType());
            assertEquals(0.25, m.calibration().x(), 1e-12);
            assertEquals(2.5, m.calibration().z(), 1e-12);
            assertEquals("FITC", m.properties().get("ome.Channel.1.Name"));
            for (int t = 0; t < 2; t++) {
                for (int z = 0; z < 3; z++) {
                    PixelBuffer plane = s.read(new RegionRequest(0, 0, 400, 300, 1, z, t));
                    short[] got = (short[]) plane.data();
                    for (int c = 0; c < 2; c++) {
                        int base = ((t * 3 + z) * 2 + c) * 300 * 400;
                        for (int i = 0; i < 300 * 400; i += 97) {
                            assertEquals(all[base + i], got[i * 2 + c], "t" + t + " z" + z + " c" + c + " i" + i);
                        }
                    }
                }
            }
        }
    }
}
