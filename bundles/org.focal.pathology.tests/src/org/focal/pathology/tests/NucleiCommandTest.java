package org.focal.pathology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.focal.cli.FocalCli;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** focal nuclei through the CLI service, scored by the independent Python scorer. */
class NucleiCommandTest {

    record Result(int code, String out, String err) {
    }

    /** MoNuSeg's TIFFs carry no usable resolution (72 dpi); the pixel size comes with the annotations. */
    static final String MONUSEG_UM = "0.2527";

    @TempDir
    Path dir;

    static Result focal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Services.await(FocalCli.class).execute(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static Path scorer() {
        Path p = Path.of(System.getProperty("focal.root", "."), "releng/score-nuclei/score.py");
        assertTrue(Files.exists(p), p + " missing");
        return p;
    }

    /**
     * Two MoNuSeg test images; the bounds sit a little below what the classical segmenter reaches
     * (AJI 0.578 / 0.588, Dice 0.771 / 0.784, F1 0.770 / 0.818 at the time of writing) to catch regressions.
     */
    @Test
    void segmentationScoresOnMoNuSeg() throws Exception {
        Path gt = TestData.path("pathology/monuseg");
        for (String name : List.of("TCGA-2Z-A9J9-01A-01-TS1", "TCGA-CU-A0YN-01A-02-BSB")) {
            Result r = focal("nuclei", gt.resolve(name + ".tif").toString(), "--out", dir.resolve(name + ".geojson").toString(),
                    "--pixel-size", MONUSEG_UM);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("nuclei"), r.out());
        }
        String json = Tools.output(Tools.PYTHON, scorer().toString(), "--json", gt.toString(), dir.toString());
        JsonNode images = new ObjectMapper().readTree(json).get("images");
        assertEquals(2, images.size(), json);
        for (JsonNode image : images) {
            assertTrue(image.get("aji").asDouble() >= 0.56, "AJI fell: " + image);
            assertTrue(image.get("dice").asDouble() >= 0.75, "Dice fell: " + image);
            assertTrue(image.get("f1").asDouble() >= 0.75, "F1 fell: " + image);
        }
    }

    @Test
    void geoJsonIsQuPathStyleAndLabelsMatch() throws Exception {
        Path geojson = dir.resolve("n.geojson");
        Path labels = dir.resolve("n.tif");
        Result r = focal("nuclei", TestData.path("pathology/monuseg/TCGA-A6-6782-01A-01-BS1.tif").toString(), "--region",
                "100,200,300,250", "--pixel-size", MONUSEG_UM, "--out", geojson.toString(), "--labels-out", labels.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(geojson.toFile());
        assertEquals("FeatureCollection", doc.get("type").asText());
        JsonNode features = doc.get("features");
        assertTrue(features.size() > 20, "only " + features.size() + " nuclei");
        for (JsonNode f : features) {
            assertEquals("Polygon", f.get("geometry").get("type").asText());
            JsonNode p = f.get("properties");
            assertEquals("detection", p.get("objectType").asText());
            assertEquals("Nucleus", p.get("classification").get("name").asText());
            assertEquals(3, p.get("classification").get("color").size());
            double area = p.get("measurements").get("Area um^2").asDouble();
            assertTrue(area >= 8 && area <= 400, "area " + area);
            double cx = p.get("measurements").get("Centroid X px").asDouble();
            double cy = p.get("measurements").get("Centroid Y px").asDouble();
            assertTrue(cx >= 100 && cx < 400 && cy >= 200 && cy < 450, "centroid outside the region: " + cx + "," + cy);
        }
        BufferedImage image = ImageIO.read(labels.toFile());
        assertEquals(300, image.getWidth());
        assertEquals(250, image.getHeight());
        int max = 0;
        for (int y = 0; y < 250; y++) {
            for (int x = 0; x < 300; x++) {
                max = Math.max(max, image.getRaster().getSample(x, y, 0));
            }
        }
        assertEquals(features.size(), max);
    }

    /** Small tiles must give the same nuclei as one big tile: none lost, none twice. */
    @Test
    void tilesDoNotDuplicateOrLoseNuclei() throws Exception {
        String image = TestData.path("pathology/monuseg/TCGA-AC-A2FO-01A-01-TS1.tif").toString();
        Path whole = dir.resolve("whole.geojson");
        Path tiled = dir.resolve("tiled.geojson");
        assertEquals(0, focal("nuclei", image, "--out", whole.toString(), "--threshold", "0.3", "--pixel-size", MONUSEG_UM).code());
        Result r = focal("nuclei", image, "--out", tiled.toString(), "--threshold", "0.3", "--tile", "200", "--threads", "2",
                "--pixel-size", MONUSEG_UM);
        assertEquals(0, r.code(), r.err());
        List<double[]> a = centroids(whole);
        List<double[]> b = centroids(tiled);
        assertTrue(Math.abs(a.size() - b.size()) <= a.size() / 50, a.size() + " nuclei whole, " + b.size() + " tiled");
        for (int i = 0; i < b.size(); i++) {
            for (int j = i + 1; j < b.size(); j++) {
                assertTrue(Math.hypot(b.get(i)[0] - b.get(j)[0], b.get(i)[1] - b.get(j)[1]) > 1.5, "duplicate nucleus at "
                        + b.get(i)[0] + "," + b.get(i)[1]);
            }
        }
        int matched = 0;
        for (double[] p : b) {
            for (double[] q : a) {
                if (Math.hypot(p[0] - q[0], p[1] - q[1]) < 1.0) {
                    matched++;
                    break;
                }
            }
        }
        assertTrue(matched >= b.size() * 0.97, matched + " of " + b.size() + " tiled nuclei also found whole");
    }

    @Test
    void badInputExitsWithTwo() {
        String image = TestData.path("pathology/monuseg/TCGA-AC-A2FO-01A-01-TS1.tif").toString();
        Result r = focal("nuclei", image, "--region", "900,900,200,200", "--out", dir.resolve("x.geojson").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--region"), r.err());
        r = focal("nuclei", image, "--out", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        r = focal("nuclei", image, "--stains", "1,2", "--out", dir.resolve("x.geojson").toString());
        assertEquals(2, r.code());
        r = focal("nuclei", TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd").toString(), "--out",
                dir.resolve("x.geojson").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("RGB"), r.err());
    }

    private static List<double[]> centroids(Path geojson) throws Exception {
        List<double[]> list = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(geojson.toFile()).get("features")) {
            JsonNode m = f.get("properties").get("measurements");
            list.add(new double[] {m.get("Centroid X px").asDouble(), m.get("Centroid Y px").asDouble()});
        }
        return list;
    }
}
