package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CMU-1-Small-Region.svs against OpenSlide (openslide-show-properties, openslide-write-png, python3-openslide). */
class SvsTest {

    @TempDir
    Path tmp;

    @Test
    void readerIsRegisteredAndRatesSvsSpecific() throws Exception {
        ImageReader reader = TestSupport.reader();
        assertEquals("tiff", reader.id());
        assertEquals(SupportLevel.SPECIFIC, reader.support(TestSupport.svs()));
        ReaderRegistry registry = TestSupport.service(ReaderRegistry.class, null);
        assertEquals("tiff", registry.bestFor(TestSupport.svs()).orElseThrow().id());
    }

    @Test
    void metadataMatchesOpenSlide() throws Exception {
        Path svs = TestSupport.svs();
        Map<String, String> ref = TestSupport.openslideProperties(svs);
        try (ImageSource s = TestSupport.reader().open(svs, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals("aperio", ref.get("openslide.vendor"));
            assertEquals(Integer.parseInt(ref.get("openslide.level-count")), m.levels().size());
            for (int i = 0; i < m.levels().size(); i++) {
                assertEquals(Integer.parseInt(ref.get("openslide.level[" + i + "].width")), m.levels().get(i).width());
                assertEquals(Integer.parseInt(ref.get("openslide.level[" + i + "].height")), m.levels().get(i).height());
                assertEquals(Double.parseDouble(ref.get("openslide.level[" + i + "].downsample")),
                        m.levels().get(i).downsample(), 1e-6);
                assertEquals(Integer.parseInt(ref.get("openslide.level[" + i + "].tile-width")), m.tileWidth());
            }
            assertEquals(m.levels().get(0).width(), m.width());
            assertEquals(Double.parseDouble(ref.get("openslide.mpp-x")), m.calibration().x(), 1e-9);
            assertEquals(Double.parseDouble(ref.get("openslide.mpp-y")), m.calibration().y(), 1e-9);
            assertEquals("um", m.calibration().unit());
            assertEquals(Double.parseDouble(ref.get("openslide.objective-power")),
                    Double.parseDouble(m.properties().get(ImageProperties.MAGNIFICATION)), 1e-9);
            // every aperio.* property OpenSlide reports, with the same value
            ref.forEach((k, v) -> {
                if (k.startsWith("aperio.")) {
                    assertEquals(v, m.properties().get(k), k);
                }
            });
            assertEquals("JPEG", m.properties().get(ImageProperties.COMPRESSION));
            assertEquals(3, m.channels());
        }
    }

    @Test
    void associatedImagesMatchOpenSlide() throws Exception {
        Path svs = TestSupport.svs();
        TestSupport.assumePythonModules("openslide");
        String script = "import sys, openslide\n"
                + "s = openslide.OpenSlide(sys.argv[1])\n"
                + "for k, v in s.associated_images.items():\n"
                + "    v.convert('RGB').save(sys.argv[2] + '/' + k + '.png')\n"
                + "    print(k, v.size[0], v.size[1])\n";
        String out = TestSupport.run(TestSupport.python(), "-c", script, svs.toString(), tmp.toString());
        TreeSet<String> refNames = new TreeSet<>();
        try (ImageSource s = TestSupport.reader().open(svs, Map.of())) {
            for (String line : out.strip().split("\n")) {
                String[] f = line.strip().split(" ");
                refNames.add(f[0]);
                PixelBuffer ours = s.associatedImage(f[0]).orElseThrow(() -> new AssertionError("missing " + f[0]));
                assertEquals(Integer.parseInt(f[1]), ours.width(), f[0]);
                assertEquals(Integer.parseInt(f[2]), ours.height(), f[0]);
                double diff = TestSupport.meanAbsDiff(ours, TestSupport.png(tmp.resolve(f[0] + ".png")));
                assertTrue(diff < 1.5, f[0] + " differs from OpenSlide by " + diff);
            }
            assertEquals(refNames, new TreeSet<>(s.metadata().associatedImages()));
            assertEquals(Optional.empty(), s.associatedImage("no-such-image"));
        }
    }

    @Test
    void regionsMatchOpenSlide() throws Exception {
        Path svs = TestSupport.svs();
        TestSupport.assumeTool("openslide-write-png");
        int[][] regions = {{0, 0, 512, 512}, {1000, 1500, 512, 512}, {1700, 2400, 520, 567}, {239, 241, 3, 300}};
        try (ImageSource s = TestSupport.reader().open(svs, Map.of())) {
            for (int[] r : regions) {
                Path png = tmp.resolve("r" + r[0] + "_" + r[1] + ".png");
                TestSupport.run("openslide-write-png", svs.toString(), "" + r[0], "" + r[1], "0", "" + r[2], "" + r[3],
                        png.toString());
                PixelBuffer ours = s.read(RegionRequest.of(r[0], r[1], r[2], r[3]));
                double diff = TestSupport.meanAbsDiff(ours, TestSupport.png(png));
                assertTrue(diff < 1.0, Arrays.toString(r) + " differs from OpenSlide by " + diff);
            }
        }
    }

    @Test
    void downsampledAndConcurrentReadsAreConsistent() throws Exception {
        try (ImageSource s = TestSupport.reader().open(TestSupport.svs(), Map.of())) {
            ImageMetadata m = s.metadata();
            PixelBuffer overview = s.read(new RegionRequest(0, 0, m.width(), m.height(), 8, 0, 0));
            assertEquals(Math.round(m.width() / 8.0), overview.width());
            PixelBuffer full = s.read(RegionRequest.of(600, 700, 1024, 1024));
            List<PixelBuffer> parallel = java.util.stream.IntStream.range(0, 8).parallel()
                    .mapToObj(i -> {
                        try {
                            return s.read(RegionRequest.of(600, 700, 1024, 1024));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }).toList();
            for (PixelBuffer p : parallel) {
                assertTrue(Arrays.equals((byte[]) full.data(), (byte[]) p.data()));
            }
            // a region reaching outside the image is padded with zeros
            PixelBuffer edge = s.read(RegionRequest.of(m.width() - 10, m.height() - 10, 20, 20));
            assertEquals(0, edge.get(15, 15, 0));
            assertTrue(Files.size(TestSupport.svs()) > 0);
        }
    }

    @Test
    void referenceReopensTheSameImage() throws Exception {
        ImageReader reader = TestSupport.reader();
        try (ImageSource s = reader.open(TestSupport.svs(), Map.of())) {
            assertEquals("tiff", s.reference().readerId());
            assertEquals(TestSupport.svs().toUri(), s.reference().uri());
        }
    }
}
