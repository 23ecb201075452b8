package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.focal.core.image.ImageReader;
import org.focal.core.image.PixelBuffer;
import org.focal.io.TileCache;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Shared helpers: the real data folder, the reader (as a DS service), external reference tools
 * (OpenSlide, libvips, tifffile) run as child processes, PNG loading and pixel comparison.
 */
final class TestSupport {

    private TestSupport() {
    }

    static Path data() {
        String d = System.getProperty("focal.data");
        Path p = d != null ? Path.of(d) : Path.of("../../../shared/data");
        assumeTrue(Files.isDirectory(p), "real test data not found at " + p);
        return p.toAbsolutePath().normalize();
    }

    static Path svs() {
        Path p = data().resolve("pathology/wsi/CMU-1-Small-Region.svs");
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(TestSupport.class).getBundleContext();
    }

    static <T> T service(Class<T> type, String filter) throws Exception {
        BundleContext ctx = context();
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(ctx, type, null)
                : new ServiceTracker<>(ctx, ctx.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        if (s == null) {
            throw new AssertionError(type.getName() + " service " + filter + " did not appear");
        }
        return s;
    }

    /** The TIFF reader as the framework registered it. */
    static ImageReader reader() throws Exception {
        return service(ImageReader.class, "(focal.format=tiff)");
    }

    static TileCache cache() throws Exception {
        return service(TileCache.class, null);
    }

    // ------------------------------------------------------------- external tools

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void assumeTool(String tool) {
        assumeTrue(onPath(tool), tool + " is not installed");
    }

    /** Debian's python3 (the one python3-openslide and python3-tifffile install into). */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static void assumePythonModules(String... modules) {
        StringBuilder code = new StringBuilder();
        for (String m : modules) {
            code.append("import ").append(m).append(";");
        }
        Result r = runQuietly(List.of(python(), "-c", code.toString()));
        assumeTrue(r != null && r.code == 0, "python modules " + String.join(", ", modules) + " not available");
    }

    record Result(int code, String out) {
    }

    /** Runs a command, failing the test on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Result r = exec(command);
        if (r.code != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.code + ":\n" + r.out);
        }
        return r.out;
    }

    static String run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    private static Result runQuietly(List<String> command) {
        try {
            return exec(command);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Single-line {@code key: 'value'} pairs printed by openslide-show-properties. */
    static Map<String, String> openslideProperties(Path file) throws Exception {
        assumeTool("openslide-show-properties");
        String out = run("openslide-show-properties", file.toString());
        Map<String, String> props = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([^:\\n]+): '(.*)'$").matcher(out);
        while (m.find()) {
            props.put(m.group(1), m.group(2));
        }
        return props;
    }

    // ------------------------------------------------------------- pixels

    static BufferedImage png(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not an image: " + file);
        }
        return img;
    }

    /** Mean absolute difference over the first three channels, reference is an (A)RGB or grey image. */
    static double meanAbsDiff(PixelBuffer ours, BufferedImage ref) {
        assertEquals(ref.getWidth(), ours.width(), "width");
        assertEquals(ref.getHeight(), ours.height(), "height");
        Raster r = ref.getRaster();
        int bands = Math.min(3, Math.min(r.getNumBands(), ours.channels()));
        double sum = 0;
        int[] px = new int[r.getNumBands()];
        for (int y = 0; y < ours.height(); y++) {
            for (int x = 0; x < ours.width(); x++) {
                r.getPixel(x, y, px);
                for (int c = 0; c < bands; c++) {
                    sum += Math.abs(ours.get(x, y, c) - px[c]);
                }
            }
        }
        return sum / ((double) ours.width() * ours.height() * bands);
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
