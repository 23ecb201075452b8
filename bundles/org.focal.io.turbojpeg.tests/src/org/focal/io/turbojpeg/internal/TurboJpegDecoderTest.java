package org.focal.io.turbojpeg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.io.codecs.Codecs;
import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * The libjpeg-turbo decoder against the JDK decoder path and OpenSlide (python3-openslide, which
 * decodes with Debian's libjpeg-turbo): pixels, colour handling, errors, and the fallback.
 */
class TurboJpegDecoderTest {

    private static final Map<String, String> JDK = Map.of(JpegDecoder.OPTION, "jdk");

    @TempDir
    Path tmp;

    private static TurboJpegDecoder turbo() {
        JpegDecoder d = Services.await(JpegDecoder.class);
        assertTrue(d instanceof LazyTurboJpegDecoder, "the registered JpegDecoder is " + d.getClass().getName());
        TurboJpegDecoder loaded = ((LazyTurboJpegDecoder) d).loaded();
        assertNotNull(loaded, "libturbojpeg did not load");
        return loaded;
    }

    private static ImageReader reader(String format) {
        return Services.await(ImageReader.class, "(focal.format=" + format + ")");
    }

    private static Path svs() {
        return TestData.path("pathology/wsi/CMU-1-Small-Region.svs");
    }

    @Test
    void serviceIsRegisteredWithRankingAndTheLibraryLoads() {
        TurboJpegDecoder d = turbo();
        assertTrue(d.name().contains("libturbojpeg"), d.name());
        BundleContext ctx = FrameworkUtil.getBundle(TurboJpegDecoderTest.class).getBundleContext();
        ServiceReference<JpegDecoder> ref = ctx.getServiceReference(JpegDecoder.class);
        assertEquals(TurboJpegComponent.RANKING, ref.getProperty("service.ranking"));
    }

    @Test
    void svsRegionsEqualTheJdkPathAndOpenSlide() throws Exception {
        Path svs = svs();
        assumeTrue(Tools.available(Tools.PYTHON), "no " + Tools.PYTHON);
        int[][] regions = {{0, 0}, {1000, 1500}, {1700, 2400}, {333, 2011}, {1708, 0}, {0, 2455}};
        // OpenSlide's RGB bytes for the same 512 x 512 level-0 regions
        StringBuilder script = new StringBuilder("import sys, numpy, openslide\ns = openslide.OpenSlide(sys.argv[1])\n");
        for (int[] r : regions) {
            script.append("numpy.asarray(s.read_region((").append(r[0]).append(", ").append(r[1])
                    .append("), 0, (512, 512)))[:, :, :3].tofile(sys.argv[2] + '/").append(r[0]).append('_').append(r[1])
                    .append(".rgb')\n");
        }
        Tools.python(script.toString(), svs.toString(), tmp.toString());
        TurboJpegDecoder d = turbo();
        long before = d.decodedCount();
        try (ImageSource fast = reader("tiff").open(svs, Map.of()); ImageSource jdk = reader("tiff").open(svs, JDK)) {
            for (int[] r : regions) {
                byte[] ours = (byte[]) fast.read(RegionRequest.of(r[0], r[1], 512, 512)).data();
                byte[] viaJdk = (byte[]) jdk.read(RegionRequest.of(r[0], r[1], 512, 512)).data();
                byte[] openslide = Files.readAllBytes(tmp.resolve(r[0] + "_" + r[1] + ".rgb"));
                assertArrayEquals(viaJdk, ours, Arrays.toString(r) + ": libjpeg-turbo differs from the JDK path");
                assertEquals(openslide.length, ours.length);
                int max = 0;
                for (int i = 0; i < ours.length; i++) {
                    max = Math.max(max, Math.abs((ours[i] & 0xFF) - (openslide[i] & 0xFF)));
                }
                assertEquals(0, max, Arrays.toString(r) + ": differs from OpenSlide by up to " + max);
            }
        }
        assertTrue(d.decodedCount() > before, "the TIFF reader did not use libjpeg-turbo");
    }

    @Test
    void ycbcrTiffTilesEqualTheJdkPath() throws Exception {
        assumeTrue(Tools.available("vips"), "no vips (libvips-tools)");
        // libvips writes JPEG-in-TIFF as photometric YCbCr, 2x2 subsampled, with shared JPEGTables
        Path tif = tmp.resolve("ycc.tif");
        Tools.output("vips", "extract_area", svs().toString(), tif + "[tile,compression=jpeg,Q=85,tile-width=256,tile-height=256]",
                "100", "200", "1500", "1300");
        String info = Tools.output("tiffinfo", tif.toString());
        assertTrue(info.contains("YCbCr"), info);
        TurboJpegDecoder d = turbo();
        long before = d.decodedCount();
        try (ImageSource fast = reader("tiff").open(tif, Map.of()); ImageSource jdk = reader("tiff").open(tif, JDK)) {
            ImageMetadata m = fast.metadata();
            PixelBuffer a = fast.read(RegionRequest.of(0, 0, m.width(), m.height()));
            PixelBuffer b = jdk.read(RegionRequest.of(0, 0, m.width(), m.height()));
            assertArrayEquals((byte[]) b.data(), (byte[]) a.data());
        }
        assertTrue(d.decodedCount() >= before + 30, "tiles decoded by libjpeg-turbo: " + (d.decodedCount() - before));
    }

    @Test
    void dicomWsiJpegFramesEqualTheJdkPath() throws Exception {
        Path dcm = TestData.path("pathology/wsi/tcga-xk-aaju-small-dicom-wsi.dcm");
        TurboJpegDecoder d = turbo();
        long before = d.decodedCount();
        try (ImageSource fast = reader("dicom").open(dcm, Map.of()); ImageSource jdk = reader("dicom").open(dcm, JDK)) {
            ImageMetadata m = fast.metadata();
            PixelBuffer a = fast.read(RegionRequest.of(0, 0, Math.min(m.width(), 2000), Math.min(m.height(), 1600)));
            PixelBuffer b = jdk.read(RegionRequest.of(0, 0, Math.min(m.width(), 2000), Math.min(m.height(), 1600)));
            // the frames are YCbCr: libjpeg-turbo converts with libjpeg's fixed-point tables, the JDK path with
            // FrameDecoder's floating-point formula, so single samples differ by 1 (rounding), never more
            byte[] x = (byte[]) a.data();
            byte[] y = (byte[]) b.data();
            int max = 0;
            int differing = 0;
            for (int i = 0; i < x.length; i++) {
                int diff = Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
                max = Math.max(max, diff);
                differing += diff == 0 ? 0 : 1;
            }
            assertTrue(max <= 1, "max difference " + max);
            assertTrue(differing < x.length / 20, differing + " of " + x.length + " samples differ");
        }
        assertTrue(d.decodedCount() > before, "the DICOM reader did not use libjpeg-turbo");
    }

    // ------------------------------------------------------------------ bad data

    /** A 3-component JPEG (JFIF, YCbCr) and a grey one, written by Pillow. */
    private Path jpeg(String name, String mode) {
        Path p = tmp.resolve(name);
        Tools.python("import sys, numpy\nfrom PIL import Image\n"
                + "a = (numpy.random.RandomState(7).rand(200, 300, 3) * 255).astype('uint8')\n"
                + "im = Image.fromarray(a)\n"
                + "im = im.convert('L') if sys.argv[2] == 'L' else im\n"
                + "im.save(sys.argv[1], quality=90)\n", p.toString(), mode);
        return p;
    }

    @Test
    void corruptDataGivesTheLibraryMessageAndTruncatedScansMatchTheJdk() throws Exception {
        TurboJpegDecoder d = turbo();
        byte[] ok = Files.readAllBytes(jpeg("c.jpg", "RGB"));
        DecodedImage full = d.decode(ok, null, true);
        assertEquals(300, full.width());
        assertEquals(200, full.height());
        assertEquals(3, full.components());
        // the stream's colour space (JFIF: YCbCr) disagrees with the caller: declined, the JDK path decodes it
        assertNull(d.decode(ok, null, false));

        byte[] garbage = new byte[4000];
        new java.util.Random(5).nextBytes(garbage);
        IOException e = assertThrows(IOException.class, () -> d.decode(garbage, null, true));
        assertTrue(e.getMessage().contains("Not a JPEG file"), e.getMessage());
        // headers only: fatal in libjpeg
        for (int keep : new int[] {0, 1, 2, 3, 20, 300}) {
            byte[] cut = Arrays.copyOf(ok, keep);
            IOException c = assertThrows(IOException.class, () -> d.decode(cut, null, true), "kept " + keep);
            assertTrue(c.getMessage().startsWith("corrupt JPEG data: "), c.getMessage());
            assertFalse(c.getMessage().contains("\n"), c.getMessage());
        }
        // a frame header claiming 65000 x 65000: refused before anything that size is allocated
        byte[] huge = ok.clone();
        int sof = indexOfMarker(huge, 0xC0);
        huge[sof + 5] = (byte) 0xFD;
        huge[sof + 6] = (byte) 0xE8;
        huge[sof + 7] = (byte) 0xFD;
        huge[sof + 8] = (byte) 0xE8;
        assertThrows(IOException.class, () -> d.decode(huge, null, true));
        // a scan cut short or overwritten is a libjpeg warning: the image is kept, exactly as the JDK decodes it
        byte[] grey = Files.readAllBytes(jpeg("g.jpg", "L"));
        byte[] truncated = Arrays.copyOf(grey, grey.length / 2);
        byte[] scribbled = grey.clone();
        Arrays.fill(scribbled, grey.length / 2, grey.length / 2 + 100, (byte) 0x5A);
        for (byte[] bad : new byte[][] {truncated, scribbled}) {
            DecodedImage t = d.decode(bad, null, false);
            assertEquals(1, t.components());
            assertArrayEquals((byte[]) Codecs.decodeJpeg(bad, null).samples(), (byte[]) t.samples());
        }
    }

    private static int indexOfMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }

    @Test
    void corruptTileInATiffIsACleanBadInputException() throws Exception {
        assumeTrue(Tools.available("vips"), "no vips (libvips-tools)");
        Path tif = tmp.resolve("bad.tif");
        Tools.output("vips", "extract_area", svs().toString(), tif + "[tile,compression=jpeg,tile-width=256,tile-height=256]",
                "0", "0", "512", "512");
        String off = Tools.python("import sys, tifffile\nprint(tifffile.TiffFile(sys.argv[1]).pages[0].dataoffsets[0])\n",
                tif.toString()).strip();
        byte[] bytes = Files.readAllBytes(tif);
        Arrays.fill(bytes, Integer.parseInt(off), Integer.parseInt(off) + 16, (byte) 0);
        Files.write(tif, bytes);
        try (ImageSource s = reader("tiff").open(tif, Map.of())) {
            BadInputException e = assertThrows(BadInputException.class, () -> s.read(RegionRequest.of(0, 0, 256, 256)));
            assertTrue(e.getMessage().contains("tile 0: corrupt JPEG data: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            // the other tiles still read
            assertNotNull(s.read(RegionRequest.of(256, 256, 256, 256)));
        }
    }

    // ------------------------------------------------------------------ without the library

    @Test
    void aMissingLibraryIsOneLineAndNoService() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TurboJpeg.load("libturbojpeg-missing.so.0"));
        assertTrue(e.getMessage().startsWith("cannot load libturbojpeg-missing.so.0"), e.getMessage());
        String old = System.getProperty(TurboJpeg.ENABLE_PROPERTY);
        System.setProperty(TurboJpeg.ENABLE_PROPERTY, "false");
        try {
            assertThrows(IllegalStateException.class, TurboJpeg::load);
            BundleContext ctx = FrameworkUtil.getBundle(TurboJpegDecoderTest.class).getBundleContext();
            int services = count(ctx);
            TurboJpegComponent c = new TurboJpegComponent();
            c.activate(ctx); // logs one line, registers nothing
            assertEquals(services, count(ctx));
            c.deactivate();
        } finally {
            if (old == null) {
                System.clearProperty(TurboJpeg.ENABLE_PROPERTY);
            } else {
                System.setProperty(TurboJpeg.ENABLE_PROPERTY, old);
            }
        }
    }

    @Test
    void theLibraryIsLoadedOnTheFirstStreamOnlyAndAFailureDeclinesEveryStream() throws Exception {
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        LazyTurboJpegDecoder missing = new LazyTurboJpegDecoder(() -> {
            loads.incrementAndGet();
            return new TurboJpegDecoder(TurboJpeg.load("libturbojpeg-missing.so.0"));
        }, "libturbojpeg-missing.so.0");
        assertEquals(0, loads.get()); // nothing is loaded at start-up
        byte[] jpeg = Files.readAllBytes(jpeg("m.jpg", "RGB"));
        assertNull(missing.decode(jpeg, null, true)); // declined: the reader keeps the JDK's decoder
        assertNull(missing.decode(jpeg, null, true));
        assertEquals(1, loads.get());
        assertTrue(missing.name().contains("not usable"), missing.name());

        LazyTurboJpegDecoder present = new LazyTurboJpegDecoder(() -> {
            loads.incrementAndGet();
            return TurboJpegDecoder.load();
        }, TurboJpeg.DEFAULT_LIBRARY);
        assertEquals(1, loads.get());
        assertNotNull(present.decode(jpeg, null, true));
        assertNotNull(present.decode(jpeg, null, true));
        assertEquals(2, loads.get());
        present.close();
        assertNull(present.decode(jpeg, null, true));
    }

    private static int count(BundleContext ctx) {
        try {
            var refs = ctx.getServiceReferences(JpegDecoder.class, null);
            return refs.size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theJdkPathStillReadsWhenTheDecoderIsDisabled() throws Exception {
        // jpeg.decoder=jdk is what a reader does without the service (library missing, Java 21, -Dfocal.turbojpeg=false)
        TurboJpegDecoder d = turbo();
        try (ImageSource s = reader("tiff").open(svs(), JDK)) {
            long before = d.decodedCount();
            PixelBuffer p = s.read(RegionRequest.of(800, 900, 512, 512));
            assertEquals(512, p.width());
            assertEquals(before, d.decodedCount());
        }
        // a stopped decoder declines every stream
        TurboJpegDecoder closed = TurboJpegDecoder.load();
        closed.close();
        assertNull(closed.decode(Files.readAllBytes(jpeg("x.jpg", "RGB")), null, true));
    }

    @Test
    void decodersArePerThread() throws Exception {
        TurboJpegDecoder d = turbo();
        byte[] ok = Files.readAllBytes(jpeg("p.jpg", "RGB"));
        byte[] expected = (byte[]) d.decode(ok, null, true).samples();
        java.util.List<byte[]> results = java.util.stream.IntStream.range(0, 64).parallel().mapToObj(i -> {
            try {
                return (byte[]) d.decode(ok, null, true).samples();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        for (byte[] r : results) {
            assertArrayEquals(expected, r);
        }
    }
}
