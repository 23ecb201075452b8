package org.focal.data.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Hostile archives, folders and annotation files through the CLI (issue 17, defects 10 and 12). */
class HostileImportTest extends CliTestBase {

    static final ObjectMapper JSON = new ObjectMapper();

    byte[] png() throws Exception {
        return Files.readAllBytes(TestData.path("natural/ihc.png"));
    }

    Path zip(String name, Map<String, byte[]> entries) throws Exception {
        Path z = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return z;
    }

    void assertNothingUnpacked() throws Exception {
        Path files = workspace().resolve("files");
        if (Files.exists(files)) {
            try (Stream<Path> all = Files.walk(files)) {
                assertEquals(List.of(), all.filter(Files::isRegularFile).toList());
            }
        }
        assertEquals(0, JSON.readTree(ok("dataset", "show", "z", "--json").out()).get("images").asInt());
    }

    @Test
    void anEntryBelowAFileEntryIsOneLine() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("x.jpg", png());
        entries.put("x.jpg/y.jpg", png());
        String line = refused("dataset", "import", "z", zip("nested.zip", entries).toString());
        assertTrue(line.contains("nested.zip: entry 'x.jpg/y.jpg' lies below the file entry 'x.jpg'"), line);
        assertNothingUnpacked();
    }

    @Test
    void anEntryBelowASymlinkEntryIsOneLine() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        Path z = dir.resolve("link.zip");
        // a real symbolic link entry (unix mode 120777 in the external attributes), then a file below it
        Tools.python("""
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], 'w') as z:
                    i = zipfile.ZipInfo('a.png'); z.writestr(i, open(sys.argv[2], 'rb').read())
                    i = zipfile.ZipInfo('link'); i.create_system = 3; i.external_attr = 0o120777 << 16; z.writestr(i, '/tmp')
                    i = zipfile.ZipInfo('link/b.png'); z.writestr(i, open(sys.argv[2], 'rb').read())
                """, z.toString(), TestData.path("natural/ihc.png").toString());
        String line = refused("dataset", "import", "z", z.toString());
        assertTrue(line.contains("link.zip: entry 'link/b.png' lies below the file entry 'link'"), line);
        assertNothingUnpacked();
    }

    @Test
    void aTooLongEntryNameIsOneLine() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.png", png());
        entries.put("d/" + "n".repeat(300) + ".png", png());
        String line = refused("dataset", "import", "z", zip("long.zip", entries).toString());
        assertTrue(line.contains("long.zip: entry 'd/nnnn") && line.contains("longer than 255 bytes"), line);
        assertTrue(line.length() < 300, line);
        assertNothingUnpacked();
    }

    @Test
    void emptyAndNonImageFilesAreSkippedInFoldersAndRefusedWhenNamed() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.write(folder.resolve("good.png"), png());
        Files.write(folder.resolve("empty.png"), new byte[0]);
        Files.writeString(folder.resolve("fake.jpg"), "not a JPEG at all");
        Files.writeString(folder.resolve("notes.txt"), "hello");
        Result r = ok("dataset", "import", "z", folder.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("focal: warning: skipped 3 files: "), r.err());
        assertTrue(r.err().contains("1 empty files (e.g. empty.png)") && r.err().contains("1 not images (e.g. notes.txt)")
                && r.err().contains("1 files no installed reader opens (e.g. fake.jpg)"), r.err());
        JsonNode show = JSON.readTree(ok("dataset", "show", "z", "--json").out());
        assertEquals(1, show.get("images").asInt());
        assertTrue(show.get("imageList").get(0).get("width").asInt() > 0);
        String line = refused("dataset", "import", "z", folder.resolve("empty.png").toString());
        assertTrue(line.contains("empty.png: empty file"), line);
        refused("dataset", "import", "z", folder.resolve("fake.jpg").toString());
        assertEquals(1, JSON.readTree(ok("dataset", "show", "z", "--json").out()).get("images").asInt());
    }

    @Test
    void copyDoesNotFollowLinksOutOfTheFolder() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.write(folder.resolve("good.png"), png());
        Path outside = Files.write(dir.resolve("secret.png"), png());
        Files.createSymbolicLink(folder.resolve("passwd.png"), outside);
        Files.createSymbolicLink(folder.resolve("etc.png"), Path.of("/etc/passwd"));
        Result r = ok("dataset", "import", "z", folder.toString(), "--copy");
        assertTrue(r.err().contains("2 links to outside the folder"), r.err());
        JsonNode show = JSON.readTree(ok("dataset", "show", "z", "--json").out());
        assertEquals(1, show.get("images").asInt());
        try (Stream<Path> all = Files.walk(workspace().resolve("files"))) {
            assertEquals(List.of("good.png"), all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }
    }

    static String coco(String categories, String annotations) {
        return "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 640, \"height\": 480}], \"categories\": ["
                + categories + "], \"annotations\": [" + annotations + "]}";
    }

    @Test
    void repeatedWarningsAreSummarised() throws Exception {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            a.append(i > 1 ? "," : "").append("{\"id\": ").append(i).append(", \"image_id\": 1, \"category_id\": ")
                    .append(i == 1 ? 1 : 7).append(", \"bbox\": [1, 1, 5, 5]}");
        }
        Path f = Files.writeString(dir.resolve("many.json"), coco("{\"id\": 1, \"name\": \"cell\"}", a.toString()));
        Result r = ok("annotations", "import", "m", "--create", "--format", "coco", f.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(6, lines.size(), r.err());
        assertTrue(lines.get(0).contains("many.json: annotation 2: unknown category_id 7, skipped"), lines.get(0));
        assertEquals("focal: warning: " + f + ": ... and 994 more like this", lines.get(5));
        assertTrue(r.out().contains("999 warnings"), r.out());
    }

    @Test
    void aFailedImportWithCreateLeavesNoDataset() throws Exception {
        // an author longer than the store keeps fails inside the store's import, after --create made the dataset
        Path f = Files.writeString(dir.resolve("author.json"), coco("{\"id\": 1, \"name\": \"cell\"}",
                "{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 5, 5], \"author\": \"" + "a".repeat(300) + "\"}"));
        Result r = focal("annotations", "import", "new", "--create", "--format", "coco", f.toString());
        assertTrue(r.code() != 0, r.err());
        JsonNode list = JSON.readTree(ok("dataset", "list", "--json").out());
        assertEquals(0, list.get("datasets").size(), list.toString());
    }

    @Test
    void rleLargerThanItsImageIsOneLineAndCreatesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("rle.json"), coco("{\"id\": 1, \"name\": \"cell\"}",
                "{\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"segmentation\": {\"size\": [46340, 46340], \"counts\": [0, 2147395600]}}"));
        String line = refused("annotations", "import", "new", "--create", "--format", "coco", f.toString());
        assertTrue(line.contains("rle.json: annotation 3 on image 1: RLE mask size [46340, 46340]"), line);
        assertEquals(0, JSON.readTree(ok("dataset", "list", "--json").out()).get("datasets").size());
    }

    @Test
    void deeplyNestedCocoIsOneLine() throws Exception {
        Path f = Files.writeString(dir.resolve("deep.json"), "{\"images\": " + "[".repeat(100_000) + "]".repeat(100_000)
                + ", \"annotations\": [], \"categories\": []}");
        String line = refused("annotations", "import", "new", "--create", "--format", "coco", f.toString());
        assertEquals("focal: " + f + ": refused: JSON nested deeper than 200 levels\n", line);
        assertEquals(0, JSON.readTree(ok("dataset", "list", "--json").out()).get("datasets").size());
    }

    @Test
    void extremeVocCoordinatesAreWarningsNotCrashes() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("voc/Annotations"));
        Files.writeString(folder.resolve("a.xml"), "<annotation><filename>a.png</filename><size><width>640</width><height>480</height></size>"
                + "<object><name>cell</name><bndbox><xmin>NaN</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>"
                + "<object><name>cell</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>1e308</xmax><ymax>1e308</ymax></bndbox></object>"
                + "<object><name>cell</name><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>20</xmax><ymax>20</ymax></bndbox></object>"
                + "</annotation>");
        Result r = ok("annotations", "import", "v", "--create", "--format", "voc", dir.resolve("voc").toString());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.out().startsWith("imported 1 annotations"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
