package org.focal.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Importer;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/** Hostile annotation files (issue 17, defects 7-9 and 12): one line naming the file, or a warning; never a crash. */
class HostileInputTest {

    @TempDir
    Path dir;

    static DatasetContent importWith(String format, Path in) throws Exception {
        return Services.await(Importer.class, "(focal.format=" + format + ")").read(in, ProgressMonitor.NULL);
    }

    static List<Annotation> annotations(DatasetContent c) {
        return c.images().stream().flatMap(i -> i.annotations().stream()).toList();
    }

    static String coco(String annotations) {
        return "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 640, \"height\": 480}],"
                + " \"categories\": [{\"id\": 1, \"name\": \"cell\"}], \"annotations\": [" + annotations + "]}";
    }

    static String voc(String xmin, String ymin, String xmax, String ymax) {
        return "<annotation><filename>a.png</filename><size><width>640</width><height>480</height></size>"
                + "<object><name>cell</name><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax
                + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>"
                + "<object><name>cell</name><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>20</xmax><ymax>20</ymax></bndbox></object>"
                + "</annotation>";
    }

    // ------------------------------------------------------------------ defect 7: extreme coordinates

    @Test
    void vocNonFiniteAndHugeCornersAreSkippedWithAWarning() throws Exception {
        String[][] cases = {{"NaN", "1", "5", "5"}, {"1", "1", "Infinity", "5"}, {"-Infinity", "1", "5", "5"},
            {"1", "1", "1e308", "1e308"}, {"-1e308", "1", "5", "5"}};
        for (String[] c : cases) {
            Path f = Files.writeString(dir.resolve("a.xml"), voc(c[0], c[1], c[2], c[3]));
            DatasetContent content = importWith("voc", f);
            assertEquals(1, annotations(content).size(), String.join(",", c));
            assertEquals(1, content.warnings().size(), content.warnings().toString());
            assertTrue(content.warnings().get(0).contains("a.xml") && content.warnings().get(0).endsWith("skipped"),
                    content.warnings().toString());
        }
    }

    @Test
    void cocoHugeBoxesAndInfinitePolygonsAreSkippedWithAWarning() throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), coco(
                "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1e300, 1e300, 1e300, 1e300]},"
                        + "{\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1e308, 0, 10, 10]},"
                        + "{\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"segmentation\": [[0, 0, 1e999, 0, 5, 5]]},"
                        + "{\"id\": 4, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1e308, 1e308]},"
                        + "{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"bbox\": [10, 10, 20, 20]}"));
        DatasetContent content = importWith("coco", f);
        assertEquals(1, annotations(content).size(), content.warnings().toString());
        assertEquals(4, content.warnings().size(), content.warnings().toString());
        content.warnings().forEach(w -> assertTrue(w.startsWith(f.toString()) && w.endsWith("skipped"), w));
    }

    @Test
    void geoJsonHugeAndInfiniteCoordinatesAreSkippedWithAWarning() throws Exception {
        Path f = Files.writeString(dir.resolve("g.geojson"), "{\"type\": \"FeatureCollection\", \"features\": ["
                + feature("[[0,0],[1e308,0],[1e308,1e308],[0,0]]") + "," + feature("[[0,0],[1e999,0],[5,5],[0,0]]") + ","
                + feature("[[0,0],[10,0],[10,10],[0,0]]") + "]}");
        DatasetContent content = importWith("geojson", f);
        assertEquals(1, annotations(content).size(), content.warnings().toString());
        assertEquals(2, content.warnings().size(), content.warnings().toString());
    }

    static String feature(String ring) {
        return "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [" + ring
                + "]}, \"properties\": {\"classification\": {\"name\": \"cell\"}}}";
    }

    @Test
    void selfIntersectingPolygonsAreRepairedWithAWarning() throws Exception {
        // a bow tie: stored as is, it has area 0 and no valid interior
        Path f = Files.writeString(dir.resolve("bow.json"),
                coco("{\"id\": 7, \"image_id\": 1, \"category_id\": 1, \"segmentation\": [[0, 0, 100, 100, 100, 0, 0, 100]]}"));
        DatasetContent content = importWith("coco", f);
        List<Annotation> all = annotations(content);
        assertEquals(1, all.size());
        Geometry g = all.get(0).geometry();
        assertTrue(g.isValid());
        assertEquals(5000, g.getArea(), 1e-6);
        assertEquals(AnnotationKind.POLYGON, all.get(0).kind());
        assertEquals(1, content.warnings().size());
        assertTrue(content.warnings().get(0).startsWith(f + ": ") && content.warnings().get(0).endsWith("polygon 1 self-intersects, repaired"),
                content.warnings().get(0));
    }

    @Test
    void aSpikeFoldedBackOntoTheOutlineIsRepairedIntoOneValidPolygon() throws Exception {
        // the MoNuSeg pattern: the outline runs down x=10, out to (11, 5), back to (10, 5) and over (10, 4) again;
        // GeometryFixer alone leaves two parts sharing an edge, which is still invalid
        Path f = Files.writeString(dir.resolve("spike.json"), coco("{\"id\": 8, \"image_id\": 1, \"category_id\": 1,"
                + " \"segmentation\": [[0, 0, 0, 10, 10, 10, 10, 6, 10, 4, 11, 5, 10, 5, 10, 4, 10, 0]]}"));
        DatasetContent content = importWith("coco", f);
        Geometry g = annotations(content).get(0).geometry();
        assertTrue(g.isValid(), g.toText());
        assertEquals("Polygon", g.getGeometryType());
        assertEquals(100.5, g.getArea(), 1e-9);
        assertTrue(content.warnings().get(0).endsWith("polygon 1 self-intersects, repaired"), content.warnings().toString());
    }

    // ------------------------------------------------------------------ defect 8: JSON read limits

    @Test
    void deeplyNestedJsonIsOneLineNamingTheFile() throws Exception {
        Path f = dir.resolve("deep.json");
        Files.writeString(f, "{\"images\": " + "[".repeat(100_000) + "]".repeat(100_000) + ", \"annotations\": [], \"categories\": []}");
        BadInputException e = assertThrows(BadInputException.class, () -> importWith("coco", f));
        assertEquals(f + ": refused: JSON nested deeper than " + Formats.MAX_JSON_DEPTH + " levels", e.getMessage());
    }

    @Test
    void hugeJsonStringIsOneLineNamingTheFile() throws Exception {
        Path f = dir.resolve("long.json");
        Files.writeString(f, coco("{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [480, 640], \"counts\": \""
                + "0".repeat(Formats.MAX_JSON_STRING + 1) + "\"}}"));
        BadInputException e = assertThrows(BadInputException.class, () -> importWith("coco", f));
        assertEquals(f + ": refused: a JSON string longer than 16 MB", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void jsonSyntaxErrorsQuoteAShortExcerpt() throws Exception {
        Path f = Files.writeString(dir.resolve("junk.json"), "x".repeat(70_000) + "\u0001\u0002");
        BadInputException e = assertThrows(BadInputException.class, () -> importWith("coco", f));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + ": " + e.getMessage());
    }

    // ------------------------------------------------------------------ defect 9: RLE size

    @Test
    void rleMaskLargerThanItsImageIsRefusedBeforeDecoding() throws Exception {
        Path f = Files.writeString(dir.resolve("rle.json"), coco(
                "{\"id\": 9, \"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [46340, 46340], \"counts\": [0, 2147395600]}}"));
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(BadInputException.class, () -> importWith("coco", f)));
        assertTrue(e.getMessage().startsWith(f + ": annotation 9 on image 1: RLE mask size [46340, 46340]"), e.getMessage());
        assertTrue(e.getMessage().contains("640 x 480"), e.getMessage());
    }

    @Test
    void rleMaskOfItsImagesSizeIsRead() throws Exception {
        // a 10 x 10 square at (10, 10): runs go down the columns of the 640 x 480 image
        StringBuilder counts = new StringBuilder("4810");
        for (int x = 0; x < 9; x++) {
            counts.append(", 10, 470");
        }
        counts.append(", 10, ").append(640 * 480 - 4810 - 9 * 480 - 10);
        Path f = Files.writeString(dir.resolve("ok.json"), coco(
                "{\"id\": 9, \"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [480, 640], \"counts\": ["
                        + counts + "]}}"));
        DatasetContent content = importWith("coco", f);
        assertEquals(1, annotations(content).size(), content.warnings().toString());
        assertEquals(100, annotations(content).get(0).geometry().getArea(), 1e-6);
    }

    // ------------------------------------------------------------------ defect 12

    @Test
    void cocoFileNamesOutsideTheImportFolderAreRefused() throws Exception {
        for (String name : List.of("../../../../etc/passwd", "/etc/passwd", "images/../../x.png", "C:\\\\Windows\\\\x.png")) {
            Path f = Files.writeString(dir.resolve("p.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"" + name
                    + "\"}], \"categories\": [], \"annotations\": []}");
            BadInputException e = assertThrows(BadInputException.class, () -> importWith("coco", f), name);
            assertTrue(e.getMessage().startsWith(f + ": image 1: file_name '"), e.getMessage());
        }
    }

    @Test
    void vocFileNamesOutsideTheImportFolderAreRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("v.xml"), "<annotation><filename>../../etc/passwd</filename></annotation>");
        BadInputException e = assertThrows(BadInputException.class, () -> importWith("voc", f));
        assertTrue(e.getMessage().startsWith(f + ": <filename> '../../etc/passwd' climbs out"), e.getMessage());
    }

    @Test
    void nonXmlVocIsOneLineWithoutAFatalErrorOnStandardError() throws Exception {
        // invalid UTF-8 made the JDK's StAX parser print "[Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence."
        Path binary = Files.write(dir.resolve("n.xml"), new byte[] {(byte) 0x80, (byte) 0xff, 'h', 'i', 0, 1, 2});
        Path inside = Files.write(dir.resolve("i.xml"), new byte[] {'<', 'a', 'n', 'n', 'o', 't', 'a', 't', 'i', 'o', 'n', '>', (byte) 0xff});
        Path text = Files.writeString(dir.resolve("t.xml"), "hello, not XML");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Path f : List.of(binary, inside, text)) {
                for (String format : List.of("voc", "aperio-xml", "focal-xml")) {
                    BadInputException e = assertThrows(BadInputException.class, () -> importWith(format, f), format);
                    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
            }
            BadInputException e = assertThrows(BadInputException.class, () -> importWith("voc", binary));
            assertEquals(binary + ": malformed XML: not UTF-8 text (an invalid byte sequence)", e.getMessage());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void vocDeclaredInLatin1OrWithABomStillReads() throws Exception {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + voc("1", "1", "5", "5").replace("cell", "c\u00e9ll"))
                .getBytes(StandardCharsets.ISO_8859_1);
        DatasetContent a = importWith("voc", Files.write(dir.resolve("l.xml"), latin1));
        assertEquals(List.of("c\u00e9ll", "c\u00e9ll"), annotations(a).stream().map(Annotation::label).toList());
        byte[] utf8 = voc("1", "1", "5", "5").replace("cell", "c\u00e9ll").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        DatasetContent b = importWith("voc", Files.write(dir.resolve("b.xml"), bom));
        assertEquals(List.of("c\u00e9ll", "c\u00e9ll"), annotations(b).stream().map(Annotation::label).toList());
    }

    @Test
    void excerptsAreShortAndPrintable() {
        String hostile = "1.2.3\u0000\u001b[31m" + "9".repeat(0xFFF0);
        String e = Excerpt.of(hostile);
        assertTrue(e.length() < 100, e);
        assertTrue(e.startsWith("1.2.3\\x00\\x1b[31m"), e);
        assertTrue(e.endsWith("... (" + hostile.length() + " characters)"), e);
        assertEquals("Zellkern \u00e4", Excerpt.of("Zellkern \u00e4"));
        assertEquals("'a\\nb'", Excerpt.quoted("a\nb"));
    }
}
