package org.focal.pathology.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.focal.cli.FocalCli;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole-slide pipeline end to end on real H&amp;E: LC25000 lung patches (tumour vs normal;
 * adenocarcinoma vs squamous cell carcinoma as routing subtypes), trained and predicted through
 * the CLI service as a user would, on images held out from training.
 */
class PathologyPipelineTest {

    static final Path LC = TestData.path("pathology/lc25000-lung");
    static final int PER_CLASS = 24;
    static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, String out, String err) {
    }

    @TempDir
    static Path dir;
    static Path model;
    static Path routed;
    static List<String[]> heldOut = new ArrayList<>();

    static Result focal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Services.await(FocalCli.class).execute(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The rows of LC25000's labels.csv (path, label, binary_label) by label, in file order. */
    static Map<String, List<String[]>> lc25000ByClass() throws IOException {
        Map<String, List<String[]>> byClass = new TreeMap<>();
        for (String line : Files.readAllLines(LC.resolve("labels.csv")).subList(1, 6001)) {
            String[] c = line.split(",");
            byClass.computeIfAbsent(c[1], k -> new ArrayList<>()).add(c);
        }
        return byClass;
    }

    /** Training table: the first PER_CLASS images of each class in labels.csv; the next 3 per class are held out. */
    @BeforeAll
    static void train() throws IOException {
        Map<String, List<String[]>> byClass = lc25000ByClass();
        StringBuilder csv = new StringBuilder("path,tumour,subtype\n");
        for (List<String[]> rows : byClass.values()) {
            int n = rows.get(0)[1].equals("lung_n") ? PER_CLASS : PER_CLASS / 2;
            for (String[] c : rows.subList(0, n)) {
                csv.append(LC.resolve(c[0])).append(',').append(c[2].equals("1") ? "tumour" : "normal").append(',')
                        .append(c[1]).append('\n');
            }
            heldOut.addAll(rows.subList(n, n + 3));
        }
        Files.writeString(dir.resolve("labels.csv"), csv);
        model = dir.resolve("model.json");
        Result r = focal("pathology", "train", "--slides", dir.resolve("labels.csv").toString(), "--label-column", "tumour",
                "--positive", "tumour", "--tile", "112", "--out", model.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cross-validated AUC"), r.out());
        routed = dir.resolve("routed.json");
        r = focal("pathology", "train", "--slides", dir.resolve("labels.csv").toString(), "--label-column", "tumour",
                "--positive", "tumour", "--subtype-column", "subtype", "--subtypes", "lung_aca,lung_scc", "--tile", "112",
                "--out", routed.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("subtype router"), r.out());
    }

    @Test
    void modelFileHoldsTheWholePipelineWithItsCrossValidatedAuc() throws IOException {
        JsonNode m = JSON.readTree(model.toFile());
        assertEquals("focal-pathology-model", m.get("format").asText());
        assertEquals(112, m.at("/tiling/tileSize").asInt());
        JsonNode analysis = m.at("/models/0");
        assertEquals("histogram:5", analysis.get("fusionSpec").asText());
        assertEquals("ks", analysis.at("/selection/method").asText());
        assertEquals("xgboost", analysis.at("/classifier/id").asText());
        assertEquals("tumour", analysis.at("/classes/" + analysis.get("positive").asInt()).asText());
        double auc = analysis.at("/metrics/cv_auc").asDouble();
        // tumour and normal lung differ strongly in nuclear density and size: anything near chance is a bug
        assertTrue(auc > 0.85, "cross-validated AUC " + auc);
        assertTrue(analysis.at("/selection/kept").size() > 0);
        for (JsonNode name : analysis.at("/selection/names")) {
            assertTrue(name.asText().contains("@hist"), name.asText());
        }
    }

    @Test
    void predictionsOnHeldOutImagesAreRightAndExplained() throws IOException {
        int right = 0;
        for (String[] c : heldOut) {
            Path report = dir.resolve("report-" + Path.of(c[0]).getFileName());
            Result r = focal("pathology", "predict", LC.resolve(c[0]).toString(), "--model", model.toString(), "--report",
                    report.toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
            JsonNode result = JSON.readTree(report.resolve("result.json").toFile());
            double p = result.get("probability").asDouble();
            assertTrue(p >= 0 && p <= 1, "probability " + p);
            right += (p > 0.5) == c[2].equals("1") ? 1 : 0;
            assertEquals("tumour", result.get("positiveClass").asText());
            assertEquals(4, result.get("tiles").asInt(), "a 224 x 224 image holds four 112 px tiles");
            JsonNode top = result.get("topFeatures");
            assertTrue(top.size() > 0 && top.size() <= 10);
            for (JsonNode f : top) {
                assertTrue(List.of("tile", "nucleus", "spatial").contains(f.get("group").asText()), f.toString());
                assertTrue(f.get("importance").asDouble() > 0);
            }
            assertTrue(result.get("keyTiles").size() > 0);
            for (JsonNode k : result.get("keyTiles")) {
                int x = k.get("x").asInt();
                int y = k.get("y").asInt();
                int[] roi = JSON.treeToValue(result.get("roi"), int[].class);
                assertTrue(x >= roi[0] && y >= roi[1] && x + k.get("width").asInt() <= roi[0] + roi[2]
                        && y + k.get("height").asInt() <= roi[1] + roi[3], "key tile outside the ROI: " + k);
                assertFalse(k.get("reason").asText().isBlank());
            }
            for (String f : List.of("thumbnail.png", "importance.png", "report.html")) {
                assertTrue(Files.size(report.resolve(f)) > 0, f);
            }
            assertTrue(ImageIO.read(report.resolve("importance.png").toFile()).getWidth() > 100);
            assertTrue(Files.readString(report.resolve("report.html")).contains("thumbnail.png"));
        }
        assertTrue(right >= heldOut.size() - 2, right + " of " + heldOut.size() + " held-out images right");
    }

    /** A user region on the real whole slide: every analysed tile, so every key tile, lies inside it. */
    @Test
    void keyTilesOfAUserRegionLieInsideIt() throws IOException {
        Path roi = dir.resolve("roi.geojson");
        Files.writeString(roi, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"objectType":"annotation"},
                 "geometry":{"type":"Polygon","coordinates":[[[600,1200],[1800,1200],[1800,2400],[600,2400],[600,1200]]]}}]}""");
        Path report = dir.resolve("svs-roi");
        Result r = focal("pathology", "predict", TestData.path("pathology/wsi/CMU-1-Small-Region.svs").toString(), "--model",
                model.toString(), "--report", report.toString(), "--roi", roi.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonNode result = JSON.readTree(report.resolve("result.json").toFile());
        assertTrue(result.get("tiles").asInt() > 10, result.get("tiles").toString());
        JsonNode keys = result.get("keyTiles");
        assertTrue(keys.size() > 1 && keys.size() <= 10, keys.toString());
        for (JsonNode k : keys) {
            int x = k.get("x").asInt();
            int y = k.get("y").asInt();
            assertTrue(x >= 600 && y >= 1200 && x + k.get("width").asInt() <= 1800 && y + k.get("height").asInt() <= 2400,
                    "key tile outside the user region: " + k);
        }
    }

    @Test
    void routingVotesForTheSubtype() throws IOException {
        int right = 0;
        int tumours = 0;
        for (String[] c : heldOut) {
            if (c[1].equals("lung_n")) {
                continue;
            }
            tumours++;
            Path report = dir.resolve("routed-" + Path.of(c[0]).getFileName());
            Result r = focal("pathology", "predict", LC.resolve(c[0]).toString(), "--model", routed.toString(), "--report",
                    report.toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
            JsonNode result = JSON.readTree(report.resolve("result.json").toFile());
            JsonNode votes = result.get("subtypeVotes");
            assertEquals(4, votes.get("lung_aca").asInt() + votes.get("lung_scc").asInt());
            right += result.get("subtype").asText().equals(c[1]) ? 1 : 0;
        }
        assertTrue(right >= tumours - 2, right + " of " + tumours + " subtypes right");
        JsonNode m = JSON.readTree(routed.toFile());
        assertEquals(2, m.get("models").size());
        assertTrue(m.at("/router/classifier/metrics/router_cv_vote_accuracy").asDouble() > 0.6, m.at("/router").toString());
    }

    /**
     * Breast IDC patches (50 x 50 at low magnification): a tile that fits, a lower tissue bar, the
     * logistic classifier; patches of glass or fat are skipped with one warning, not an error.
     */
    @Test
    void breastIdcPatches() throws IOException {
        Path idc = TestData.path("pathology/idc-breast");
        StringBuilder csv = new StringBuilder("path,label\n");
        Map<String, Integer> taken = new TreeMap<>();
        for (String line : Files.readAllLines(idc.resolve("labels.csv")).subList(1, 910)) {
            String[] c = line.split(",");
            if (taken.merge(c[1], 1, Integer::sum) <= 40) {
                csv.append(idc.resolve(c[0])).append(',').append(c[1].equals("1") ? "idc" : "non-idc").append('\n');
            }
        }
        Files.writeString(dir.resolve("idc.csv"), csv);
        for (String classifier : List.of("logistic", "mlp")) {
            Path idcModel = dir.resolve("idc-" + classifier + ".json");
            Result r = focal("pathology", "train", "--slides", dir.resolve("idc.csv").toString(), "--positive", "idc", "--tile", "50",
                    "--min-tissue", "0.2", "--classifier", classifier, "--out", idcModel.toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
            double auc = JSON.readTree(idcModel.toFile()).at("/models/0/metrics/cv_auc").asDouble();
            assertTrue(auc > 0.75, classifier + ": IDC cross-validated AUC " + auc + "\n" + r.out());
        }
    }

    /** Kather 2016 colorectal tiles (150 x 150): tumour against the seven other classes, applied to an NCT-CRC-HE tile. */
    @Test
    void colorectalKatherTilesAndNctPrediction() throws IOException {
        Path kather = TestData.path("pathology/kather2016/Images/Samples");
        StringBuilder csv = new StringBuilder("path,label\n");
        try (var classes = Files.list(kather)) {
            for (Path cls : classes.sorted().toList()) {
                try (var files = Files.list(cls)) {
                    for (Path f : files.sorted().toList()) {
                        csv.append(f).append(',').append(cls.getFileName().toString().equals("01_TUMOR") ? "tumour" : "other")
                                .append('\n');
                    }
                }
            }
        }
        Files.writeString(dir.resolve("kather.csv"), csv);
        Path katherModel = dir.resolve("kather.json");
        Result r = focal("pathology", "train", "--slides", dir.resolve("kather.csv").toString(), "--positive", "tumour",
                "--tile", "112", "--min-tissue", "0.3", "--classifier", "logistic", "--out", katherModel.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cross-validated AUC"), r.out());
        assertTrue(r.err().contains("warning: skipped"), "the adipose and empty tiles have too little tissue: " + r.err());
        Path report = dir.resolve("nct");
        r = focal("pathology", "predict", TestData.path("pathology/nct-crc-he/Sample_Data/TUM-AACHEHDV.tif").toString(),
                "--model", katherModel.toString(), "--report", report.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(report.resolve("result.json")) > 0);
    }

    @Test
    void badInputGetsOneLineErrors() throws IOException {
        Path corrupt = dir.resolve("corrupt.json");
        Files.writeString(corrupt, "{\"format\": \"focal-pathology-model\", \"tiling\": ");
        Result r = focal("pathology", "predict", LC.resolve("lung_n/lungn100.jpeg").toString(), "--model", corrupt.toString(),
                "--report", dir.resolve("r").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("corrupt.json") && r.err().lines().count() == 1, r.err());

        Path oneClass = dir.resolve("one.csv");
        Files.writeString(oneClass, "path,label\n" + LC.resolve("lung_n/lungn100.jpeg") + ",normal\n"
                + LC.resolve("lung_n/lungn1000.jpeg") + ",normal\n");
        r = focal("pathology", "train", "--slides", oneClass.toString(), "--tile", "112", "--out",
                dir.resolve("x.json").toString(), "--no-progress");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("two labels"), r.err());

        r = focal("pathology", "features", LC.resolve("lung_n/lungn100.jpeg").toString(), "--tile", "512", "--out",
                dir.resolve("f.csv").toString(), "--no-progress");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lungn100.jpeg") && r.err().contains("--tile"), r.err());

        Path white = dir.resolve("white.png");
        var img = new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 300, 300);
        g.dispose();
        ImageIO.write(img, "png", white.toFile());
        r = focal("pathology", "predict", white.toString(), "--model", model.toString(), "--report",
                dir.resolve("w").toString(), "--no-progress");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("white.png") && r.err().contains("tissue"), r.err());
        assertFalse(Files.exists(dir.resolve("w/result.json")));
    }

    @Test
    void featuresCsvHasOneRowPerTile() throws IOException {
        Path csv = dir.resolve("features.csv");
        Result r = focal("pathology", "features", LC.resolve("lung_aca/lungaca100.jpeg").toString(),
                LC.resolve("lung_n/lungn100.jpeg").toString(), "--tile", "112", "--out", csv.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 8, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals("slide", header[0]);
        assertTrue(List.of(header).stream().anyMatch(h -> h.startsWith("nucleus.")));
        assertTrue(List.of(header).stream().anyMatch(h -> h.startsWith("spatial.")));
        assertTrue(List.of(header).stream().anyMatch(h -> h.startsWith("tile.")));
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(header.length, line.split(",", -1).length, line);
        }
    }
}
