package org.focal.pathology.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.Trainer;
import org.focal.learn.FeatureSelector;
import org.focal.learn.SlideFusion;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.pathology.model.LearnServices;
import org.focal.pathology.model.ModelFile;
import org.focal.pathology.model.PathologyModel;
import org.focal.pathology.model.SlidePrediction;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileFeatures;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tampered model files (issue 17, defect 11): two real models are trained on LC25000 patches (a
 * single logistic model and an XGBoost model with subtype routing), then every part of them is
 * mutated in turn (deleted, wrong type, out-of-range index, NaN / 1e308, truncated arrays, renamed
 * features, swapped classifier bytes, wrong version, another kind of file). Each must be refused by
 * the model-loading step alone (no slide is given to it) with one line naming the file and the
 * field; through the CLI, before the slide is opened.
 */
class ModelTamperingTest {

    static final Path LC = TestData.path("pathology/lc25000-lung");
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    static Path dir;
    static ObjectNode single;
    static ObjectNode routed;
    static ModelFile.Installed installed;
    static int mutations;

    /** The CLI run in this framework, as PathologyPipelineTest runs it. */
    static PathologyPipelineTest.Result focal(String... args) {
        return PathologyPipelineTest.focal(args);
    }

    /** 10 normal and 5 + 5 tumour patches: small, but real models of every part. */
    @BeforeAll
    static void train() throws IOException {
        Map<String, List<String[]>> byClass = PathologyPipelineTest.lc25000ByClass();
        StringBuilder csv = new StringBuilder("path,tumour,subtype\n");
        for (List<String[]> rows : byClass.values()) {
            for (String[] c : rows.subList(0, rows.get(0)[1].equals("lung_n") ? 10 : 5)) {
                csv.append(LC.resolve(c[0])).append(',').append(c[2].equals("1") ? "tumour" : "normal").append(',')
                        .append(c[1]).append('\n');
            }
        }
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, csv);
        Path a = dir.resolve("single.json");
        PathologyPipelineTest.Result r = focal("pathology", "train", "--slides", labels.toString(), "--label-column", "tumour", "--positive", "tumour",
                "--tile", "112", "--classifier", "logistic", "--out", a.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        Path b = dir.resolve("routed.json");
        r = focal("pathology", "train", "--slides", labels.toString(), "--label-column", "tumour", "--positive", "tumour",
                "--subtype-column", "subtype", "--subtypes", "lung_aca,lung_scc", "--tile", "112", "--out", b.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        single = (ObjectNode) JSON.readTree(a.toFile());
        routed = (ObjectNode) JSON.readTree(b.toFile());
        LearnServices learn = new LearnServices(all(SlideFusion.class), all(FeatureSelector.class), all(Trainer.class),
                all(Predictor.class));
        installed = new ModelFile.Installed(learn, new TileFeatures(all(TileFeatureExtractor.class)).names(),
                all(NucleusSegmenter.class).stream().map(NucleusSegmenter::id).collect(Collectors.toSet()));
    }

    static <T> List<T> all(Class<T> type) {
        BundleContext context = Services.context();
        try {
            List<T> out = new ArrayList<>();
            for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
                out.add(context.getService(ref));
            }
            return out;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theUntamperedModelsLoad() throws IOException {
        for (ObjectNode m : List.of(single, routed)) {
            Path f = dir.resolve("good.json");
            JSON.writeValue(f.toFile(), m);
            PathologyModel model = ModelFile.load(f, installed);
            assertFalse(model.models().isEmpty());
        }
    }

    @Test
    void everyTamperedPartOfTheSingleModelIsRefusedWithItsField() throws IOException {
        // the model file's own fields
        refused(single, m -> m.remove("format"), "format");
        refused(single, m -> m.put("format", "coco"), "format");
        refused(single, m -> m.put("formatVersion", 99), "newer");
        refused(single, m -> m.put("formatVersion", 0), "formatVersion");
        refused(single, m -> m.put("formatVersion", "one"), "formatVersion");
        refused(single, m -> m.remove("formatVersion"), "formatVersion");
        refused(single, m -> m.put("version", -1), "version");
        refused(single, m -> m.remove("tiling"), "tiling");
        refused(single, m -> m.putNull("tiling"), "tiling");
        refused(single, m -> obj(m, "tiling").put("tileSize", 5), "tiling");
        refused(single, m -> obj(m, "tiling").put("tileSize", 112.5), "tiling.tileSize");
        refused(single, m -> obj(m, "tiling").put("magnification", 1e308), "tiling");
        refused(single, m -> obj(m, "tiling").put("minTissue", "NaN"), "tiling");
        refused(single, m -> obj(m, "tiling").put("sample", -5), "tiling");
        refused(single, m -> obj(m, "tiling").put("fallbackPixelSizeUm", -1), "tiling.fallbackPixelSizeUm");
        refused(single, m -> obj(m, "tiling").put("fallbackPixelSizeUm", "Infinity"), "tiling.fallbackPixelSizeUm");
        refused(single, m -> m.put("stains", "purple"), "stains");
        refused(single, m -> m.put("stains", "1,0,0;1,0,0"), "stains");
        refused(single, m -> m.putNull("stains"), "stains");
        refused(single, m -> m.put("segmenter", "deep-magic"), "segmenter");
        refused(single, m -> arr(m, "features").set(3, "renamed.feature"), "features[3]");
        refused(single, m -> arr(m, "features").remove(arr(m, "features").size() - 1), "featureGroups");
        refused(single, m -> {
            arr(m, "features").remove(arr(m, "features").size() - 1);
            arr(m, "featureGroups").remove(arr(m, "featureGroups").size() - 1);
        }, "features");
        refused(single, m -> arr(m, "features").set(1, arr(m, "features").get(0).asText()), "features[1]");
        refused(single, m -> arr(m, "features").set(0, 7), "features");
        refused(single, m -> arr(m, "featureGroups").remove(0), "featureGroups");
        refused(single, m -> m.putArray("models"), "models");
        refused(single, m -> m.remove("models"), "models");
        refused(single, m -> arr(m, "models").add(arr(m, "models").get(0).deepCopy()), "models");
        refused(single, m -> model(m, 0).put("subtype", "lung_aca"), "models");
        // the analysis model
        refused(single, m -> model(m, 0).putArray("classes").add("tumour"), "models[0].classes");
        refused(single, m -> arr(model(m, 0), "classes").set(1, arr(model(m, 0), "classes").get(0).asText()),
                "models[0].classes[1]");
        refused(single, m -> model(m, 0).put("positive", 5), "models[0].positive");
        refused(single, m -> model(m, 0).put("positive", -1), "models[0].positive");
        refused(single, m -> model(m, 0).put("positive", 0.5), "models[0].positive");
        refused(single, m -> model(m, 0).putNull("positive"), "models[0].positive");
        refused(single, m -> model(m, 0).put("fusionSpec", "wavelet:5"), "models[0].fusionSpec");
        refused(single, m -> model(m, 0).putNull("fusionSpec"), "models[0].fusionSpec");
        refused(single, m -> model(m, 0).remove("fusion"), "'fusion'");
        refused(single, m -> model(m, 0).put("fusion", "histogram"), "models[0].fusion");
        refused(single, m -> obj(model(m, 0), "fusion").put("fusion", "mean"), "models[0].fusion");
        refused(single, m -> arr(obj(model(m, 0), "fusion"), "features").set(2, "renamed.feature"), "models[0].fusion.features");
        refused(single, m -> arr(obj(model(m, 0), "fusion"), "features").remove(0), "models[0].fusion");
        refused(single, m -> obj(model(m, 0), "fusion").put("bins", 1_000_000_000), "models[0].fusion");
        refused(single, m -> obj(model(m, 0), "fusion").put("bins", 4), "models[0].fusion");
        refused(single, m -> edges(m).set(0, NODES.textNode("NaN")), "models[0].fusion");
        refused(single, m -> edges(m).set(0, NODES.textNode("x")), "models[0].fusion");
        refused(single, m -> edges(m).remove(edges(m).size() - 1), "models[0].fusion");
        refused(single, m -> edges(m).set(0, NODES.numberNode(1e300)), "models[0].fusion");
        refused(single, m -> arr(obj(model(m, 0), "fusion"), "edges").remove(0), "models[0].fusion");
        // the selection
        refused(single, m -> kept(m).set(0, 99_999), "models[0].selection.kept[0]");
        refused(single, m -> kept(m).set(0, -1), "models[0].selection.kept[0]");
        refused(single, m -> kept(m).set(0, "x"), "models[0].selection.kept");
        refused(single, m -> kept(m).set(1, kept(m).get(0).asInt()), "models[0].selection.kept[1]");
        refused(single, m -> kept(m).removeAll(), "models[0].selection.kept");
        refused(single, m -> kept(m).remove(kept(m).size() - 1), "models[0].selection.names");
        refused(single, m -> kept(m).set(kept(m).size() - 1, kept(m).get(kept(m).size() - 1).asInt() + 1),
                "models[0].selection.");
        refused(single, m -> arr(obj(model(m, 0), "selection"), "names").set(0, "renamed@hist1/5"),
                "models[0].selection.names[0]");
        refused(single, m -> arr(obj(model(m, 0), "selection"), "pValues").set(0, 2.0), "models[0].selection.pValues[0]");
        refused(single, m -> arr(obj(model(m, 0), "selection"), "pValues").remove(0), "models[0].selection.pValues");
        refused(single, m -> obj(model(m, 0), "selection").put("threshold", "NaN"), "models[0].selection.threshold");
        refused(single, m -> obj(model(m, 0), "selection").remove("method"), "method");
        refused(single, m -> model(m, 0).remove("selection"), "'selection'");
        // the classifier
        refused(single, m -> classifier(m).put("id", "forest"), "models[0].classifier.id");
        refused(single, m -> classifier(m).put("id", "xgboost"), "models[0].classifier.model");
        refused(single, m -> classifier(m).put("id", "mlp"), "models[0].classifier.model");
        refused(single, m -> classifier(m).put("model", Base64.getEncoder().encodeToString("garbage".getBytes())),
                "models[0].classifier.model");
        refused(single, m -> classifier(m).put("model", "!!not base64!!"), "models[0].classifier.model");
        refused(single, m -> classifier(m).put("model", ""), "models[0].classifier.model");
        refused(single, m -> classifier(m).remove("model"), "'model'");
        refused(single, m -> classifier(m).put("model", truncated(classifier(m).get("model"))), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> arr(l, "means").set(0, 1e308)), "means[0]");
        refused(single, m -> logistic(m, l -> arr(l, "means").set(0, "NaN")), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> arr(l, "stds").set(0, 0.0)), "stds[0]");
        refused(single, m -> logistic(m, l -> arr(l, "stds").set(0, 1e-300)), "stds[0]");
        refused(single, m -> logistic(m, l -> arr(l, "intercepts").set(0, -1e308)), "intercepts[0]");
        refused(single, m -> logistic(m, l -> ((ArrayNode) arr(l, "coefficients").get(0)).set(0, 1e300)), "coefficients[0][0]");
        refused(single, m -> logistic(m, l -> ((ArrayNode) arr(l, "coefficients").get(0)).remove(0)), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> arr(l, "means").remove(0)), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> l.put("classes", 3)), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> l.put("l2", -1)), "l2");
        refused(single, m -> logistic(m, l -> l.put("format", "focal-mlp")), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> l.put("version", 2)), "models[0].classifier.model");
        refused(single, m -> logistic(m, l -> {
            // a consistent logistic model, one column narrower than the selection
            l.put("columns", l.get("columns").asInt() - 1);
            arr(l, "means").remove(0);
            arr(l, "stds").remove(0);
            ((ArrayNode) arr(l, "coefficients").get(0)).remove(0);
        }), "columns");
        refused(single, m -> classifier(m).put("model", obj(obj(routed, "router"), "classifier").get("model").asText()).put("id", "xgboost"),
                "models[0].classifier.model");
        refused(single, m -> obj(model(m, 0), "metrics").put("cv_auc", "Infinity"), "models[0].metrics.cv_auc");
        refused(single, m -> obj(model(m, 0), "slidesPerClass").put("unicorn", 3), "models[0].slidesPerClass.unicorn");
        refused(single, m -> obj(model(m, 0), "slidesPerClass").put("tumour", -3), "models[0].slidesPerClass.tumour");
        // a router added to a single model
        refused(single, m -> m.set("router", routed.get("router").deepCopy()), "models");
    }

    @Test
    void everyTamperedPartOfTheRoutedModelIsRefusedWithItsField() throws IOException {
        refused(routed, m -> m.putNull("router"), "models");
        refused(routed, m -> arr(obj(m, "router"), "subtypes").set(1, "lung_sclc"), "models[1].subtype");
        refused(routed, m -> arr(obj(m, "router"), "subtypes").add("lung_lcc"), "models");
        refused(routed, m -> arr(obj(m, "router"), "subtypes").remove(1), "router.subtypes");
        refused(routed, m -> model(m, 1).put("subtype", model(m, 0).get("subtype").asText()), "models[1].subtype");
        refused(routed, m -> model(m, 1).putNull("subtype"), "models[1].subtype");
        refused(routed, m -> obj(obj(m, "router"), "classifier").put("model", truncated(obj(obj(m, "router"), "classifier").get("model"))),
                "router.classifier.model");
        refused(routed, m -> obj(obj(m, "router"), "classifier").put("id", "logistic"), "router.classifier.model");
        refused(routed, m -> obj(obj(m, "router"), "classifier").remove("id"), "id");
        refused(routed, m -> obj(obj(m, "router"), "tilesPerSubtype").put("unicorn", 1), "router.tilesPerSubtype.unicorn");
        // the analysis model's bytes swapped with the router's: a model of the wrong input width
        refused(routed, m -> classifier(m).put("model", obj(obj(m, "router"), "classifier").get("model").asText()),
                "models[0].classifier.model");
        refused(routed, m -> classifier(m).put("model", classifier(single).get("model").asText()), "models[0].classifier.model");
        // a NaN leaf in the XGBoost bytes
        refused(routed, m -> classifier(m).put("model", Base64.getEncoder().encodeToString(nanSplit(
                Base64.getDecoder().decode(classifier(m).get("model").asText())))), "models[0].classifier.model");
        // subtype models are checked like the single one
        refused(routed, m -> kept(model(m, 1)).set(0, 123_456), "models[1].selection.kept[0]");
        refused(routed, m -> arr(obj(model(m, 1), "fusion"), "features").set(0, "renamed"), "models[1].fusion.features");
        refused(routed, m -> model(m, 1).putArray("classes").add("tumour"), "models[1].classes");
    }

    @Test
    void otherFilesAreRefused() throws IOException {
        refusedText("", "not a Focal pathology model");
        refusedText("[]", "not a Focal pathology model");
        refusedText("{\"format\": \"coco\", \"images\": []}", "not a Focal pathology model");
        refusedText(new String(Base64.getDecoder().decode(classifier(single).get("model").asText()), StandardCharsets.UTF_8),
                "not a Focal pathology model");
        String text = JSON.writeValueAsString(single);
        refusedText(text + "{}", "not a Focal pathology model");
        refusedText(text.substring(0, text.length() / 2), "not a Focal pathology model");
        refusedText(text.replaceFirst("\\{", "{\"version\": 7, "), "version");
        refusedText(text.replace("\"positive\":", "\"positive\": 0, \"positive\":"), "positive");
    }

    /** Through the CLI: exit 2, one line naming the model file, and the slide is never opened. */
    @Test
    void predictRefusesATamperedModelBeforeOpeningTheSlide() throws IOException {
        Path bad = write(mutated(single, m -> logistic(m, l -> arr(l, "means").set(0, 1e308))), "means.json");
        Path missingSlide = dir.resolve("no-such-slide.svs");
        PathologyPipelineTest.Result r = focal("pathology", "predict", missingSlide.toString(), "--model", bad.toString(), "--report",
                dir.resolve("report").toString(), "--no-progress");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("focal: " + bad + ": ") && r.err().contains("(models[0].classifier.model)")
                && !r.err().contains("no-such-slide"), r.err());
        assertFalse(Files.exists(dir.resolve("report")));
        bad = write(mutated(single, m -> kept(m).set(0, 99_999)), "kept.json");
        r = focal("pathology", "predict", missingSlide.toString(), "--model", bad.toString(), "--report",
                dir.resolve("report").toString(), "--no-progress");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("focal: " + bad + ": ") && r.err().contains("(models[0].selection.kept[0])"), r.err());
    }

    /** A classifier that answers NaN at predict time (no check can foresee every input) is an error, never a printed NaN. */
    @Test
    void aNaNProbabilityIsAnErrorNamingTheModel() throws IOException {
        Predictor nan = new Predictor() {
            @Override
            public String id() {
                return "nan";
            }

            @Override
            public String displayName() {
                return "answers NaN";
            }

            @Override
            public double[][] predict(byte[] model, double[][] features) {
                double[][] out = new double[features.length][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = new double[] {Double.NaN, Double.NaN};
                }
                return out;
            }

            @Override
            public double[] importance(byte[] model, int columns) {
                return new double[columns];
            }
        };
        LearnServices learn = new LearnServices(all(SlideFusion.class), List.of(), List.of(), List.of(nan));
        PathologyModel.AnalysisModel analysis = new PathologyModel.AnalysisModel(null, List.of("normal", "tumour"), 1,
                Map.of("fusion", "mean", "features", List.of("a")), "mean",
                new PathologyModel.SelectionState("ks", 0.05, new int[] {0}, List.of("a@mean"), new double[] {0.01}, false),
                new PathologyModel.ClassifierState("nan", Map.of(), new byte[] {1}, Map.of()), Map.of(), Map.of());
        PathologyModel model = new PathologyModel(PathologyModel.FORMAT, 1, 1, "2026-12-03T00:00:00Z", "0.1.0",
                new PathologyModel.Tiling(112, 20, 0.5, 0, 1, null), "ruifrok", "classical", List.of("a"), List.of("tile"),
                null, List.of(analysis));
        Path file = dir.resolve("nan.json");
        SlideAnalysis.Result slide = new SlideAnalysis.Result(dir.resolve("slide.png"), null, null, null, null, 0.5,
                List.of("a"), List.of("tile"), List.of(), new double[][] {{1}, {2}});
        BadInputException e = assertThrows(BadInputException.class, () -> new SlidePrediction(learn).predict(model, file, slide));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("NaN")
                && e.getMessage().contains("models[0].classifier"), e.getMessage());
    }

    // --- mutation helpers

    /** Writes the mutated copy and asserts that loading it fails with one line naming the file and {@code field}. */
    static void refused(ObjectNode original, Consumer<ObjectNode> mutation, String field) throws IOException {
        mutations++;
        Path f = write(mutated(original, mutation), "m" + mutations + ".json");
        assertRefused(f, field);
    }

    static void refusedText(String text, String field) throws IOException {
        mutations++;
        Path f = dir.resolve("t" + mutations + ".json");
        Files.writeString(f, text);
        assertRefused(f, field);
    }

    static void assertRefused(Path f, String field) {
        BadInputException e;
        try {
            ModelFile.load(f, installed);
            fail("mutation " + f.getFileName() + " (" + field + ") was accepted");
            return;
        } catch (BadInputException x) {
            e = x;
        }
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": ") && m.contains(field) && !m.contains("\n") && m.length() < 400,
                f.getFileName() + " expected a line naming the file and " + field + ": " + m);
    }

    static ObjectNode mutated(ObjectNode original, Consumer<ObjectNode> mutation) {
        ObjectNode copy = original.deepCopy();
        mutation.accept(copy);
        return copy;
    }

    static Path write(ObjectNode m, String name) throws IOException {
        Path f = dir.resolve(name);
        JSON.writeValue(f.toFile(), m);
        return f;
    }

    static ObjectNode obj(JsonNode n, String field) {
        return (ObjectNode) n.get(field);
    }

    static ArrayNode arr(JsonNode n, String field) {
        return (ArrayNode) n.get(field);
    }

    static ObjectNode model(ObjectNode m, int i) {
        return (ObjectNode) m.get("models").get(i);
    }

    static ObjectNode classifier(ObjectNode m) {
        return obj(model(m, 0), "classifier");
    }

    static ArrayNode kept(ObjectNode m) {
        JsonNode analysis = m.has("models") ? model(m, 0) : m;
        return arr(analysis.get("selection"), "kept");
    }

    /** The histogram edges of the first feature. */
    static ArrayNode edges(ObjectNode m) {
        return (ArrayNode) arr(obj(model(m, 0), "fusion"), "edges").get(0);
    }

    /** Decodes the logistic model JSON inside the classifier bytes, mutates it, encodes it back. */
    static void logistic(ObjectNode m, Consumer<ObjectNode> mutation) {
        try {
            ObjectNode l = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(classifier(m).get("model").asText()));
            mutation.accept(l);
            classifier(m).put("model", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(l)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String truncated(JsonNode base64) {
        byte[] b = Base64.getDecoder().decode(base64.asText());
        return Base64.getEncoder().encodeToString(Arrays.copyOf(b, b.length / 2));
    }

    /** The XGBoost UBJSON with the first value of the first typed float32 split_conditions array set to NaN. */
    static byte[] nanSplit(byte[] ubj) {
        byte[] key = "split_conditions".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + key.length + 4 < ubj.length; i++) {
            if (Arrays.equals(ubj, i, i + key.length, key, 0, key.length) && ubj[i + key.length] == '['
                    && ubj[i + key.length + 1] == '$' && ubj[i + key.length + 2] == 'd' && ubj[i + key.length + 3] == '#') {
                int at = i + key.length + 4;
                byte lengthType = ubj[at];
                at += 1 + switch (lengthType) {
                    case 'i', 'U' -> 1;
                    case 'I' -> 2;
                    case 'l' -> 4;
                    default -> 8;
                };
                byte[] out = ubj.clone();
                int nan = Float.floatToRawIntBits(Float.NaN);
                for (int k = 0; k < 4; k++) {
                    out[at + k] = (byte) (nan >>> (24 - 8 * k));
                }
                return out;
            }
        }
        throw new AssertionError("no typed float32 split_conditions in the XGBoost model");
    }
}
