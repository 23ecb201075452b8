package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pyramids written by libvips from the real SVS (tiled JPEG, LZW, Deflate in SubIFDs, none,
 * PackBits, BigTIFF, JPEG 2000, LZW strips), read back and compared to libvips' own decode of
 * every level and, where OpenSlide can open the file, to OpenSlide's level list and pixels.
 */
class VipsPyramidTest {

    @TempDir
    static Path dir;
    private static Path rgb;

    @BeforeAll
    static void sourceImage() throws Exception {
        TestSupport.assumeTool("vips");
        rgb = dir.resolve("rgb.v");
        TestSupport.run("vips", "extract_band", TestSupport.svs().toString(), rgb.toString(), "0", "--n", "3");
    }

    private static List<String> options(String variant) {
        return switch (variant) {
            case "jpeg" -> List.of("--tile", "--pyramid", "--compression", "jpeg", "--tile-width", "512", "--tile-height", "512");
            case "lzw" -> List.of("--tile", "--pyramid", "--compression", "lzw", "--tile-width", "256", "--tile-height", "256");
            case "deflate-subifd" -> List.of("--tile", "--pyramid", "--subifd", "--compression", "deflate", "--predictor", "horizontal");
            case "none" -> List.of("--tile", "--pyramid", "--compression", "none");
            case "packbits" -> List.of("--tile", "--pyramid", "--compression", "packbits", "--tile-width", "512", "--tile-height", "256");
            case "jpeg-bigtiff" -> List.of("--tile", "--pyramid", "--compression", "jpeg", "--bigtiff", "--Q", "90");
            case "lzw-strips" -> List.of("--compression", "lzw", "--predictor", "horizontal");
            case "jp2k" -> List.of("--tile", "--pyramid", "--compression", "jp2k", "--tile-width", "256", "--tile-height", "256");
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private static boolean lossless(String variant) {
        return !variant.startsWith("jpeg") && !variant.equals("jp2k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "lzw", "deflate-subifd", "none", "packbits", "jpeg-bigtiff", "lzw-strips", "jp2k"})
    void pyramidMatchesLibvips(String variant) throws Exception {
        Path tif = dir.resolve(variant + ".tif");
        List<String> cmd = TestSupport.list("vips", "tiffsave", rgb.toString(), tif.toString());
        cmd.addAll(options(variant));
        TestSupport.run(cmd);
        boolean subifd = variant.contains("subifd");
        int refLevels = Integer.parseInt(TestSupport.run("vipsheader", "-f", subifd ? "n-subifds" : "n-pages",
                tif.toString()).strip()) + (subifd ? 1 : 0);
        assertEquals(SupportLevel.FULL, TestSupport.reader().support(tif));
        try (ImageSource s = TestSupport.reader().open(tif, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals("tiff", m.format());
            assertEquals(refLevels, m.levels().size(), "levels");
            // libvips copies the SVS resolution (MPP 0.499) into the TIFF resolution tags
            assertEquals(0.499, m.calibration().x(), 1e-4);
            assertTrue(m.properties().containsKey(ImageProperties.COMPRESSION));
            TiffSource source = (TiffSource) s;
            double tolerance = lossless(variant) ? 0 : variant.equals("jp2k") ? 2.0 : 1.0;
            for (int level = 0; level < m.levels().size(); level++) {
                String page = subifd ? (level == 0 ? "" : "[subifd=" + (level - 1) + "]") : "[page=" + level + "]";
                String ref = tif + page;
                int w = Integer.parseInt(TestSupport.run("vipsheader", "-f", "width", ref).strip());
                int h = Integer.parseInt(TestSupport.run("vipsheader", "-f", "height", ref).strip());
                assertEquals(w, m.levels().get(level).width(), "level " + level + " width");
                assertEquals(h, m.levels().get(level).height(), "level " + level + " height");
                // a region of each level (the whole level when small), against libvips' decode
                int rw = Math.min(w, 600);
                int rh = Math.min(h, 500);
                int rx = (w - rw) / 3;
                int ry = (h - rh) / 2;
                Path png = dir.resolve(variant + "-" + level + ".png");
                TestSupport.run("vips", "crop", ref, png.toString(), "" + rx, "" + ry, "" + rw, "" + rh);
                PixelBuffer ours = source.readLevelRegion(level, rx, ry, rw, rh, 0, 0);
                double diff = TestSupport.meanAbsDiff(ours, TestSupport.png(png));
                assertTrue(diff <= tolerance, variant + " level " + level + " differs from libvips by " + diff);
            }
        }
    }

    @Test
    void jpegPyramidMatchesOpenSlide() throws Exception {
        Path tif = dir.resolve("os-jpeg.tif");
        List<String> cmd = TestSupport.list("vips", "tiffsave", rgb.toString(), tif.toString());
        cmd.addAll(options("jpeg"));
        TestSupport.run(cmd);
        Map<String, String> ref = TestSupport.openslideProperties(tif);
        TestSupport.assumeTool("openslide-write-png");
        try (ImageSource s = TestSupport.reader().open(tif, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals(Integer.parseInt(ref.get("openslide.level-count")), m.levels().size());
            for (int i = 0; i < m.levels().size(); i++) {
                assertEquals(Integer.parseInt(ref.get("openslide.level[" + i + "].width")), m.levels().get(i).width());
                assertEquals(Integer.parseInt(ref.get("openslide.level[" + i + "].height")), m.levels().get(i).height());
                assertEquals(Double.parseDouble(ref.get("openslide.level[" + i + "].downsample")),
                        m.levels().get(i).downsample(), 1e-6);
            }
            Path png = dir.resolve("os-region.png");
            TestSupport.run("openslide-write-png", tif.toString(), "700", "900", "0", "512", "512", png.toString());
            double diff = TestSupport.meanAbsDiff(s.read(RegionRequest.of(700, 900, 512, 512)), TestSupport.png(png));
            assertTrue(diff < 1.0, "differs from OpenSlide by " + diff);
        }
    }
}
