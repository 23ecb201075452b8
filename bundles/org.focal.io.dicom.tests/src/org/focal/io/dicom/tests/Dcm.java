package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.focal.core.image.ImageReader;
import org.junit.jupiter.api.Assumptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Test helpers: the reader service, the shared real data, and dcmtk as the independent reference. */
final class Dcm {

    private static ImageReader reader;
    private static Boolean dcmtk;

    /** One top-level line of dcmdump: (gggg,eeee) VR value # length, multiplicity Keyword */
    private static final Pattern LINE = Pattern.compile("^(\\s*)\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) (\\w\\w) (.*?)\\s+#\\s*(\\S+), (\\d+) (\\S+)\\s*$");

    private Dcm() {
    }

    static synchronized ImageReader reader() throws Exception {
        if (reader == null) {
            BundleContext ctx = FrameworkUtil.getBundle(Dcm.class).getBundleContext();
            ServiceTracker<ImageReader, ImageReader> t = new ServiceTracker<>(ctx,
                    ctx.createFilter("(&(objectClass=" + ImageReader.class.getName() + ")(focal.format=dicom))"), null);
            t.open();
            reader = t.waitForService(20_000);
            assertNotNull(reader, "the dicom ImageReader service is not registered");
        }
        return reader;
    }

    static Path data(String relative) {
        Path p = Paths.get(System.getProperty("focal.data", "../shared/data")).resolve(relative);
        assertTrue(Files.exists(p), "test data missing: " + p);
        return p;
    }

    static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static synchronized void assumeDcmtk() {
        if (dcmtk == null) {
            try {
                Process p = new ProcessBuilder("dcmdump", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                dcmtk = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                dcmtk = false;
            }
        }
        Assumptions.assumeTrue(dcmtk, "dcmtk (dcmdump) is not installed");
    }

    /** Runs a dcmtk tool and returns its standard output; fails the test on a non-zero exit. */
    static String run(String... command) throws Exception {
        Path err = Files.createTempFile("dcmtk", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timeout: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** One attribute as dcmdump prints it. */
    record Attr(String tag, String vr, String value, String keyword, int depth) {
        /** Values split at backslashes. */
        String[] values() {
            return value.isEmpty() ? new String[0] : value.split("\\\\");
        }

        double number(int i) {
            return Double.parseDouble(values()[i].strip());
        }
    }

    /** Every attribute of a file (nested ones with depth > 0), UIDs as numbers. */
    static List<Attr> dumpAll(Path file) throws Exception {
        String out = run("dcmdump", "-q", "-M", "-Un", "+L", file.toString());
        List<Attr> attrs = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String raw = m.group(5).strip();
            String value;
            if (raw.startsWith("[") && raw.endsWith("]")) {
                value = raw.substring(1, raw.length() - 1);
            } else if (raw.startsWith("(")) {
                value = ""; // (no value available), (Sequence ...), (PixelSequence ...), (not loaded)
            } else {
                value = raw;
            }
            String tag = ("(" + m.group(2) + "," + m.group(3) + ")").toUpperCase();
            attrs.add(new Attr(tag, m.group(4), value, m.group(8), m.group(1).length() / 2));
        }
        return attrs;
    }

    /** Top-level attributes by keyword. */
    static Map<String, Attr> dump(Path file) throws Exception {
        Map<String, Attr> top = new LinkedHashMap<>();
        for (Attr a : dumpAll(file)) {
            if (a.depth() == 0) {
                top.putIfAbsent(a.keyword(), a);
            }
        }
        return top;
    }

    /** The uncompressed pixel data of a file as dcmtk writes it (dcmdump +W, little endian). */
    static byte[] rawPixelData(Path file, Path workDir) throws Exception {
        Path dir = Files.createTempDirectory(workDir, "raw");
        run("dcmdump", "-q", "+W", dir.toString(), file.toString());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> raws = s.filter(p -> p.toString().endsWith(".raw")).toList();
            assertEquals(1, raws.size(), "dcmdump +W should write one .raw file for " + file);
            return Files.readAllBytes(raws.get(0));
        }
    }

    static short[] littleEndianShorts(byte[] raw) {
        short[] s = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
