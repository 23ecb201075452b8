package org.focal.data.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The data commands through the CLI service, on the real data sets of ../shared/data. */
class DataCommandsTest extends CliTestBase {

    static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------ independent VOC reading (JDK DOM)

    record Box(String name, int xmin, int ymin, int xmax, int ymax) implements Comparable<Box> {
        @Override
        public int compareTo(Box o) {
            return toString().compareTo(o.toString());
        }
    }

    static Map<String, List<Box>> domBoxes(Path annotations, List<String> degenerate) throws Exception {
        Map<String, List<Box>> all = new TreeMap<>();
        try (Stream<Path> s = Files.list(annotations)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                NodeList objects = d.getElementsByTagName("object");
                List<Box> boxes = new ArrayList<>();
                for (int i = 0; i < objects.getLength(); i++) {
                    Element o = (Element) objects.item(i);
                    Box b = new Box(text(o, "name"), (int) Double.parseDouble(text(o, "xmin")), (int) Double.parseDouble(text(o, "ymin")),
                            (int) Double.parseDouble(text(o, "xmax")), (int) Double.parseDouble(text(o, "ymax")));
                    if (b.xmax() <= b.xmin() || b.ymax() <= b.ymin()) {
                        degenerate.add(f.getFileName().toString());
                    } else {
                        boxes.add(b);
                    }
                }
                boxes.sort(null);
                all.put(f.getFileName().toString().replace(".xml", ""), boxes);
            }
        }
        return all;
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    static Map<String, Integer> perClass(Map<String, List<Box>> boxes) {
        Map<String, Integer> counts = new TreeMap<>();
        boxes.values().forEach(l -> l.forEach(b -> counts.merge(b.name(), 1, Integer::sum)));
        return counts;
    }

    @Test
    void bccdVocToCocoToVocKeepsEveryBox() throws Exception {
        Path voc = TestData.path("microscopy/bccd-voc");
        List<String> degenerate = new ArrayList<>();
        Map<String, List<Box>> expected = domBoxes(voc.resolve("Annotations"), degenerate);
        assertEquals(292, expected.size());
        assertEquals(2, degenerate.size());

        Result imported = ok("annotations", "import", "bccd", "--create", "--format", "voc", voc.toString());
        List<String> warnings = imported.err().lines().filter(l -> l.startsWith("focal: warning:")).toList();
        assertEquals(2, warnings.size(), imported.err());
        for (String file : degenerate) {
            String w = warnings.stream().filter(l -> l.contains(file)).findFirst().orElseThrow(() -> new AssertionError(file + ": " + warnings));
            assertTrue(w.contains("degenerate"), w);
            int line = Integer.parseInt(w.replaceAll(".*" + file.replace(".", "\\.") + ":(\\d+):.*", "$1"));
            List<String> lines = Files.readAllLines(voc.resolve("Annotations").resolve(file));
            assertTrue(lines.get(line - 1).contains("<object>"), "line " + line + " of " + file + " opens an object");
        }

        JsonNode show = JSON.readTree(ok("dataset", "show", "bccd", "--json").out());
        assertEquals(292, show.get("images").asInt());
        Map<String, Integer> counts = perClass(expected);
        counts.forEach((label, n) -> assertEquals(n.longValue(), show.get("stats").get("perLabel").get(label).asLong(), label));
        assertEquals(640, show.get("imageList").get(0).get("width").asInt());

        Path coco = dir.resolve("bccd.json");
        ok("export", "bccd", "--format", "coco", "--out", coco.toString());
        checkCoco(coco, counts);

        ok("annotations", "import", "bccd2", "--create", "--format", "coco", coco.toString());
        Path back = dir.resolve("voc-again");
        ok("export", "bccd2", "--format", "voc", "--out", back.toString());
        Map<String, List<Box>> again = domBoxes(back.resolve("Annotations"), new ArrayList<>());
        assertEquals(expected, again);
        assertEquals(counts, perClass(again));
        assertEquals(292, Files.readAllLines(back.resolve("ImageSets/Main/trainval.txt")).size());

        // the first export kept the original ImageSets lists
        Path vocDirect = dir.resolve("voc-direct");
        ok("export", "bccd", "--format", "voc", "--out", vocDirect.toString());
        for (String set : List.of("train", "val", "trainval")) {
            assertEquals(Files.readAllLines(voc.resolve("ImageSets/Main/" + set + ".txt")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).sorted().toList(),
                    Files.readAllLines(vocDirect.resolve("ImageSets/Main/" + set + ".txt")).stream().sorted().toList(), set);
        }
    }

    /** The COCO we write, checked by Debian's python3 against the published format (pycocotools is not packaged). */
    static void checkCoco(Path coco, Map<String, Integer> counts) throws Exception {
        String script = """
                import json, sys, collections
                d = json.load(open(sys.argv[1]))
                for k, t in (("images", list), ("annotations", list), ("categories", list), ("info", dict), ("licenses", list)):
                    assert isinstance(d[k], t), k
                ids = set()
                for i in d["images"]:
                    assert isinstance(i["id"], int) and isinstance(i["file_name"], str), i
                    assert isinstance(i["width"], int) and isinstance(i["height"], int), i
                    assert i["id"] not in ids; ids.add(i["id"])
                cats = {}
                for c in d["categories"]:
                    assert isinstance(c["id"], int) and isinstance(c["name"], str) and isinstance(c["supercategory"], str), c
                    cats[c["id"]] = c["name"]
                aids = set(); per = collections.Counter()
                for a in d["annotations"]:
                    assert isinstance(a["id"], int) and a["id"] not in aids; aids.add(a["id"])
                    assert a["image_id"] in ids and a["category_id"] in cats, a
                    x, y, w, h = a["bbox"]
                    assert all(isinstance(v, (int, float)) for v in a["bbox"]) and w > 0 and h > 0, a
                    assert isinstance(a["area"], (int, float)) and a["area"] > 0, a
                    assert a["iscrowd"] in (0, 1), a
                    assert isinstance(a["segmentation"], list) and all(len(p) >= 6 and len(p) % 2 == 0 for p in a["segmentation"]), a
                    for p in a["segmentation"]:
                        xs, ys = p[0::2], p[1::2]
                        assert min(xs) >= x - 1e-6 and max(xs) <= x + w + 1e-6 and min(ys) >= y - 1e-6 and max(ys) <= y + h + 1e-6, a
                    per[cats[a["category_id"]]] += 1
                print(json.dumps(dict(per), sort_keys=True))
                """;
        JsonNode per = JSON.readTree(Tools.python(script, coco.toString()));
        Map<String, Integer> got = new TreeMap<>();
        per.fields().forEachRemaining(e -> got.put(e.getKey(), e.getValue().asInt()));
        assertEquals(counts, got);
    }

    @Test
    void tbx11kCocoRoundTripIsTheSameDocument() throws Exception {
        Path in = TestData.path("radiology/xray-chest-samples/coco_tbx11k/annotations/json/TBX11K_train.json");
        ok("annotations", "import", "tbx", "--create", "--format", "coco", in.toString());
        Path out = dir.resolve("tbx.json");
        ok("export", "tbx", "--format", "coco", "--out", out.toString());
        JsonNode a = JSON.readTree(in.toFile());
        JsonNode b = JSON.readTree(out.toFile());
        assertEquals(a.get("images"), sortedById(b.get("images")), "images (ids, file names, sizes and extra fields)");
        assertEquals(a.get("categories").size(), b.get("categories").size());
        for (int i = 0; i < a.get("categories").size(); i++) {
            assertEquals(a.get("categories").get(i).get("id"), b.get("categories").get(i).get("id"));
            assertEquals(a.get("categories").get(i).get("name"), b.get("categories").get(i).get("name"));
        }
        assertEquals(a.get("annotations").size(), b.get("annotations").size());
        for (int i = 0; i < a.get("annotations").size(); i++) {
            JsonNode x = a.get("annotations").get(i);
            JsonNode y = b.get("annotations").get(i);
            for (String key : List.of("id", "image_id", "category_id", "iscrowd")) {
                assertEquals(x.get(key).asLong(), y.get(key).asLong(), key);
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(x.get("bbox").get(k).asDouble(), y.get("bbox").get(k).asDouble(), 1e-9, "bbox");
            }
            // TBX11K rounds its areas to whole pixels; we write w*h
            assertEquals(x.get("area").asDouble(), y.get("area").asDouble(), 1.0, "area");
        }
        Map<String, Integer> counts = new TreeMap<>();
        Map<Long, String> names = new HashMap<>();
        a.get("categories").forEach(c -> names.put(c.get("id").asLong(), c.get("name").asText()));
        a.get("annotations").forEach(x -> counts.merge(names.get(x.get("category_id").asLong()), 1, Integer::sum));
        checkCoco(out, counts);
    }

    static JsonNode sortedById(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        all.sort((p, q) -> Long.compare(p.get("id").asLong(), q.get("id").asLong()));
        return JSON.valueToTree(all);
    }

    @Test
    void monusegAperioXmlGivesOneNucleusPerRegion() throws Exception {
        Path folder = TestData.path("pathology/monuseg");
        Map<String, Integer> regions = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                regions.put(f.getFileName().toString().replace(".xml", ".tif"), d.getElementsByTagName("Region").getLength());
            }
        }
        Result r = ok("annotations", "import", "mon", "--create", "--format", "aperio-xml", "--label", "nucleus", folder.toString());
        // MoNuSeg has self-intersecting outlines: each is repaired (with a summarised warning), none is lost
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("focal: warning: " + folder + ": ")
                && (l.endsWith("self-intersects, repaired") || l.matches(".*\\.\\.\\. and \\d+ more like this"))), r.err());
        JsonNode show = JSON.readTree(ok("dataset", "show", "mon", "--json").out());
        Map<String, Integer> got = new HashMap<>();
        show.get("imageList").forEach(i -> got.put(i.get("name").asText(), i.get("annotations").asInt()));
        assertEquals(regions, got);
        assertEquals(regions.values().stream().mapToInt(Integer::intValue).sum(), show.get("stats").get("perLabel").get("nucleus").asInt());

        // GeoJSON out and back in: the same polygons
        Path geo = dir.resolve("geo");
        ok("export", "mon", "--format", "geojson", "--out", geo.toString());
        JsonNode fc = JSON.readTree(geo.resolve("TCGA-2Z-A9J9-01A-01-TS1.geojson").toFile());
        assertEquals("FeatureCollection", fc.get("type").asText());
        JsonNode p = fc.get("features").get(0).get("properties");
        assertEquals("annotation", p.get("objectType").asText());
        assertEquals("nucleus", p.get("classification").get("name").asText());
        assertEquals(3, p.get("classification").get("color").size());
        Result r2 = ok("annotations", "import", "mon2", "--create", "--format", "geojson", geo.toString());
        assertEquals("", r2.err(), "the repaired polygons are valid");
        JsonNode show2 = JSON.readTree(ok("dataset", "show", "mon2", "--json").out());
        Map<String, Integer> got2 = new HashMap<>();
        show2.get("imageList").forEach(i -> got2.put(i.get("name").asText() + ".tif", i.get("annotations").asInt()));
        assertEquals(regions, got2, "named by file stem: the GeoJSON folder has no images next to it");
    }

    /** TBX11K COCO into dataset {@code first}, exported as Focal JSON and imported as {@code second}; the export. */
    Path cocoThroughFocalJson(String first, String second) {
        Path in = TestData.path("radiology/xray-chest-samples/coco_tbx11k/annotations/json/TBX11K_train.json");
        ok("annotations", "import", first, "--create", "--format", "coco", in.toString());
        Path a = dir.resolve(first + ".focal.json");
        ok("export", first, "--format", "focal-json", "--out", a.toString());
        ok("annotations", "import", second, "--create", "--format", "focal-json", a.toString());
        return a;
    }

    @Test
    void focalJsonIsLossless() throws Exception {
        Path a = cocoThroughFocalJson("t1", "t2");
        Path b = dir.resolve("b.focal.json");
        ok("export", "t2", "--format", "focal-json", "--out", b.toString());
        JsonNode ja = JSON.readTree(a.toFile());
        JsonNode jb = JSON.readTree(b.toFile());
        assertEquals(ja.get("images"), jb.get("images"));
        assertEquals(ja.get("dataset").get("labels"), jb.get("dataset").get("labels"));
    }

    @Test
    void focalXmlRoundTripEqualsFocalJson() throws Exception {
        Path a = cocoThroughFocalJson("j1", "j2");
        Path x = dir.resolve("b.focal.xml");
        ok("export", "j2", "--format", "focal-xml", "--out", x.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(x.toFile());
        assertEquals("focal-dataset", doc.getDocumentElement().getTagName());
        ok("annotations", "import", "j3", "--create", "--format", "focal-xml", x.toString());
        Path c = dir.resolve("c.focal.json");
        ok("export", "j3", "--format", "focal-json", "--out", c.toString());
        JsonNode ja = JSON.readTree(a.toFile());
        JsonNode jc = JSON.readTree(c.toFile());
        assertTrue(ja.get("images").size() > 0 && ja.get("images").get(0).get("annotations").size() > 0);
        assertEquals(ja.get("images"), jc.get("images"));
        assertEquals(ja.get("dataset").get("labels"), jc.get("dataset").get("labels"));
        assertEquals(doc.getElementsByTagName("annotation").getLength(),
                ja.get("images").findValues("annotations").stream().mapToInt(JsonNode::size).sum());
        Path bad = dir.resolve("bad.focal.xml");
        Files.writeString(bad, Files.readString(x).replaceFirst("<geometry>POLYGON", "<geometry>POLYGONX"));
        refused("annotations", "import", "j3", "--format", "focal-xml", bad.toString());
        Files.writeString(bad, "<focal-dataset format=\"focal-xml\"><image name=\"a\">");
        refused("annotations", "import", "j3", "--format", "focal-xml", bad.toString());
        Path d = dir.resolve("d.focal.json");
        ok("export", "j3", "--format", "focal-json", "--out", d.toString());
        assertEquals(ja.get("images"), JSON.readTree(d.toFile()).get("images"), "refused imports wrote nothing");
    }

    @Test
    void datasetLifecycle() throws Exception {
        ok("dataset", "create", "lungs", "--task", "classification", "--labels", "normal,nodule", "--description", "CXR");
        refused("dataset", "create", "lungs", "--task", "detection");
        refused("dataset", "create", "x", "--task", "painting");
        Path images = Files.createDirectories(dir.resolve("imgs/sub"));
        Files.copy(TestData.path("natural/ihc.png"), images.resolve("a.png"));
        Files.copy(TestData.path("natural/retina.jpg"), images.getParent().resolve("b.jpg"));
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Result imp = ok("dataset", "import", "lungs", images.getParent().toString(), "--copy");
        assertTrue(imp.out().contains("imported 2 images"), imp.out());
        JsonNode show = JSON.readTree(ok("dataset", "show", "lungs", "--json").out());
        assertEquals(2, show.get("images").asInt());
        for (JsonNode i : show.get("imageList")) {
            assertTrue(i.get("copied").asBoolean());
            assertTrue(Path.of(i.get("path").asText()).startsWith(workspace()), i.toString());
            assertTrue(i.get("width").asInt() > 0);
        }
        JsonNode list = JSON.readTree(ok("dataset", "list", "--json").out());
        assertEquals("lungs", list.get("datasets").get(0).get("name").asText());
        assertEquals("normal", list.get("datasets").get(0).get("labels").get(0).get("name").asText());
        JsonNode progress = JSON.readTree(ok("dataset", "progress", "lungs", "--json").out());
        assertEquals(0.0, progress.get("progress").asDouble());
        ok("dataset", "rename", "lungs", "chest");
        refused("dataset", "delete", "chest");
        refused("dataset", "show", "lungs");
        ok("dataset", "delete", "chest", "--yes");
        try (Stream<Path> files = Files.walk(workspace())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg")), "copied files deleted");
        }
        refused("export", "nothing", "--format", "coco", "--out", dir.resolve("x.json").toString());
        ok("dataset", "create", "e", "--task", "detection");
        refused("export", "e", "--format", "pdf", "--out", dir.resolve("x.json").toString());
        refused("annotations", "import", "e", "--format", "voc", dir.resolve("missing").toString());
    }

    @Test
    void unsafeZipArchivesAreRefusedWithoutWritingAnything() throws Exception {
        ok("dataset", "create", "z", "--task", "classification");
        byte[] png = Files.readAllBytes(TestData.path("natural/ihc.png"));
        Path climb = zip("climb.zip", Map.of("ok.png", png, "../escaped.png", png));
        Path absolute = zip("absolute.zip", Map.of("ok.png", png, "/tmp/focal-absolute-" + System.nanoTime() + ".png", png));
        Path bomb = zip("bomb.zip", Map.of("big.png", new byte[3 << 20]));
        Path good = zip("good.zip", Map.of("one/a.png", png, "b.png", png));
        refused("dataset", "import", "z", climb.toString());
        refused("dataset", "import", "z", absolute.toString());
        Result r = focal("dataset", "import", "z", bomb.toString(), "--max-expanded-size", "1M");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bomb.zip") && r.err().contains("expands"), r.err());
        assertFalse(Files.exists(dir.resolve("escaped.png")));
        assertFalse(Files.exists(dir.resolve("ws/files/escaped.png")));
        try (Stream<Path> files = Files.walk(workspace())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".png")), "nothing unpacked");
        }
        assertEquals(0, JSON.readTree(ok("dataset", "show", "z", "--json").out()).get("images").asInt());
        ok("dataset", "import", "z", good.toString());
        JsonNode show = JSON.readTree(ok("dataset", "show", "z", "--json").out());
        assertEquals(2, show.get("images").asInt());
        assertEquals(List.of("good/b.png", "good/one/a.png"),
                Stream.of(show.get("imageList").get(0), show.get("imageList").get(1)).map(i -> i.get("name").asText()).sorted().toList());
    }

    Path zip(String name, Map<String, byte[]> entries) throws Exception {
        Path z = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return z;
    }
}
