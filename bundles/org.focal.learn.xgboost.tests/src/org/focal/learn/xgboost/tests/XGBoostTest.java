package org.focal.learn.xgboost.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.CanceledException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

class XGBoostTest {

    static final String FILTER = "(focal.classifier=xgboost)";

    /** Small enough for two shared cores. */
    static final Map<String, String> FAST = Map.of("rounds", "200", "early_stopping", "15", "nthread", "2");

    static Trainer trainer() {
        return Services.await(Trainer.class, FILTER);
    }

    static Predictor predictor() {
        return Services.await(Predictor.class, FILTER);
    }

    static Map<String, String> fast(String... more) {
        Map<String, String> m = new HashMap<>(FAST);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void servicesAreRegisteredAndTheEmbeddedNativeLibraryLoads() {
        Trainer t = trainer();
        Predictor p = predictor();
        assertEquals("xgboost", t.id());
        assertEquals("xgboost", p.id());
        // xgboost4j comes from the jar embedded in this bundle, not from somewhere else on the class path
        Bundle owner = FrameworkUtil.getBundle(ml.dmlc.xgboost4j.java.XGBoost.class);
        assertNotNull(owner, "xgboost4j must be loaded by an OSGi bundle");
        assertEquals("org.focal.learn.xgboost", owner.getSymbolicName());
        // training calls into libxgboost4j.so, which NativeLibLoader unpacks from the embedded jar
        Data.Set d = Data.binary(60, 3, 0, 0.1, 1);
        TrainedModel m = t.train(d.x(), d.y(), 2, Map.of("rounds", "5", "cv", "false", "nthread", "1"), ProgressMonitor.NULL);
        assertEquals(5.0, m.metrics().get("rounds"));
        assertEquals(60, p.predict(m.model(), d.x()).length);
    }

    @Test
    void binaryFindsTheInformativeColumnAndGeneralises() {
        Data.Set train = Data.binary(600, 8, 3, 0.3, 11);
        Data.Set test = Data.binary(400, 8, 3, 0.3, 12);
        TrainedModel m = trainer().train(train.x(), train.y(), 2, FAST, ProgressMonitor.NULL);

        Map<String, Double> metrics = m.metrics();
        assertTrue(metrics.get("cv_auc") > 0.9, metrics.toString());
        assertTrue(metrics.get("cv_auc") <= 1.0, metrics.toString());
        assertTrue(metrics.get("cv_auc_std") >= 0 && metrics.get("cv_auc_std") < 0.1, metrics.toString());
        assertEquals(5.0, metrics.get("cv_folds"));
        double rounds = metrics.get("rounds");
        assertTrue(rounds >= 1 && rounds <= 200, metrics.toString());
        assertFalse(metrics.containsKey("cv_mlogloss"));

        double[] gain = predictor().importance(m.model(), 8);
        assertEquals(8, gain.length);
        int best = 0;
        for (int c = 0; c < gain.length; c++) {
            assertTrue(gain[c] >= 0, Arrays.toString(gain));
            if (gain[c] > gain[best]) {
                best = c;
            }
        }
        assertEquals(3, best, "informative column must have the largest total gain: " + Arrays.toString(gain));
        double others = Arrays.stream(gain).sum() - gain[3];
        assertTrue(gain[3] > others, "the informative column dominates: " + Arrays.toString(gain));
        assertEquals(0.0, gain[7], "a constant column is never split on: " + Arrays.toString(gain));
        // asking for more columns than the model has: the extra ones are unused
        assertEquals(0.0, predictor().importance(m.model(), 10)[9]);

        double[][] p = predictor().predict(m.model(), test.x());
        assertEquals(400, p.length);
        double[] score = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            assertEquals(2, p[i].length);
            assertEquals(1.0, p[i][0] + p[i][1], 1e-9);
            assertTrue(p[i][1] >= 0 && p[i][1] <= 1);
            score[i] = p[i][1];
        }
        double auc = Data.auc(score, test.y());
        assertTrue(auc > 0.9, "held-out AUC " + auc);
        // and the scores must mean something: a shuffled label has no AUC to speak of
        int[] shuffled = test.y().clone();
        Random r = new Random(5);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        assertTrue(Math.abs(Data.auc(score, shuffled) - 0.5) < 0.1);
    }

    @Test
    void threeClassesGiveProbabilitiesThatSumToOne() {
        Data.Set train = Data.threeClasses(450, 21);
        Data.Set test = Data.threeClasses(300, 22);
        TrainedModel m = trainer().train(train.x(), train.y(), 3, FAST, ProgressMonitor.NULL);
        Map<String, Double> metrics = m.metrics();
        assertTrue(metrics.get("cv_mlogloss") < 0.5, "cross-entropy well below log(3)=1.10: " + metrics);
        assertTrue(metrics.containsKey("cv_mlogloss_std"), metrics.toString());
        assertFalse(metrics.containsKey("cv_auc"));

        double[][] p = predictor().predict(m.model(), test.x());
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(3, p[i].length);
            assertEquals(1.0, p[i][0] + p[i][1] + p[i][2], 1e-5, Arrays.toString(p[i]));
            int arg = 0;
            for (int c = 1; c < 3; c++) {
                if (p[i][c] > p[i][arg]) {
                    arg = c;
                }
            }
            if (arg == test.y()[i]) {
                correct++;
            }
        }
        double accuracy = correct / (double) p.length;
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
        double[] gain = predictor().importance(m.model(), 4);
        assertTrue(gain[0] > gain[2] && gain[0] > gain[3] && gain[1] > gain[2] && gain[1] > gain[3], Arrays.toString(gain));
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        Data.Set d = Data.binary(300, 6, 1, 0.5, 31);
        Map<String, String> params = fast("rounds", "40");
        TrainedModel a = trainer().train(d.x(), d.y(), 2, params, ProgressMonitor.NULL);
        TrainedModel b = trainer().train(d.x(), d.y(), 2, params, ProgressMonitor.NULL);
        assertArrayEquals(a.model(), b.model());
        assertEquals(a.metrics(), b.metrics());
        double[][] pa = predictor().predict(a.model(), d.x());
        double[][] pb = predictor().predict(b.model(), d.x());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i]);
        }
        TrainedModel c = trainer().train(d.x(), d.y(), 2, fast("rounds", "40", "seed", "7"), ProgressMonitor.NULL);
        assertFalse(Arrays.equals(a.model(), c.model()), "subsampling must follow the seed");
    }

    @Test
    void earlyStoppingStopsBeforeTheMaximumAndProgressAddsUp() {
        // perfectly separable: the test AUC is 1 after a round or two, so early stopping ends CV far before 500
        Data.Set d = Data.binary(200, 4, 0, 0.0, 41);
        Recorder rec = new Recorder(Integer.MAX_VALUE);
        TrainedModel m = trainer().train(d.x(), d.y(), 2,
                Map.of("rounds", "500", "early_stopping", "10", "nthread", "2"), rec);
        double rounds = m.metrics().get("rounds");
        assertTrue(rounds >= 1 && rounds < 50, m.metrics().toString());
        assertTrue(m.metrics().get("cv_auc") > 0.99, m.metrics().toString());
        assertEquals(1000, rec.total, "CV rounds + final rounds");
        // one report per CV round, one per final tree, plus at most two jumps over what was not needed:
        // CV ran the best round + early_stopping rounds, not 500
        assertTrue(rec.calls <= (rounds + 10) + rounds + 2, "CV stopped early: " + rec.calls + " progress reports");
        assertEquals(rec.total, rec.worked, "reported work reaches the total");
        assertTrue(rec.done);

        // without CV the model has exactly the requested number of trees
        TrainedModel fixed = trainer().train(d.x(), d.y(), 2, Map.of("rounds", "37", "cv", "false", "nthread", "1"),
                ProgressMonitor.NULL);
        assertEquals(37.0, fixed.metrics().get("rounds"));
        assertEquals(0.0, fixed.metrics().get("cv_folds"));
        assertFalse(fixed.metrics().containsKey("cv_auc"));
    }

    @Test
    void tooFewSamplesForTheFoldsReduceOrSkipCrossValidation() {
        Data.Set d = Data.binary(40, 3, 0, 0.0, 51);
        int[] three = new int[40];
        three[0] = three[1] = three[2] = 1;
        TrainedModel m = trainer().train(d.x(), three, 2, fast("nfold", "5"), ProgressMonitor.NULL);
        assertEquals(3.0, m.metrics().get("cv_folds"), m.metrics().toString());
        assertTrue(m.metrics().containsKey("cv_auc"), m.metrics().toString());

        int[] one = new int[40];
        one[7] = 1;
        TrainedModel single = trainer().train(d.x(), one, 2, fast("rounds", "20"), ProgressMonitor.NULL);
        assertEquals(0.0, single.metrics().get("cv_folds"), single.metrics().toString());
        assertFalse(single.metrics().containsKey("cv_auc"), single.metrics().toString());
        assertEquals(20.0, single.metrics().get("rounds"));
        assertEquals(40, predictor().predict(single.model(), d.x()).length);

        // missing values everywhere in one column are fine (NaN is missing)
        double[][] x = new double[40][];
        for (int i = 0; i < 40; i++) {
            x[i] = new double[] {d.x()[i][0], Double.NaN};
        }
        TrainedModel nan = trainer().train(x, d.y(), 2, fast("rounds", "10", "cv", "false"), ProgressMonitor.NULL);
        assertEquals(0.0, predictor().importance(nan.model(), 2)[1]);
    }

    @Test
    void oneClassUnknownParameterAndBadValuesAreBadInput() {
        Data.Set d = Data.binary(50, 3, 0, 0.0, 61);
        BadInputException e = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), new int[50], 2, FAST, ProgressMonitor.NULL));
        assertTrue(e.getMessage().startsWith("XGBoost needs at least two classes"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> trainer().train(d.x(), new int[50], 1, FAST, ProgressMonitor.NULL));
        assertTrue(e.getMessage().startsWith("XGBoost needs at least two classes"), e.getMessage());

        e = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), d.y(), 2, fast("learning_rate", "0.3"), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("'learning_rate'"), e.getMessage());
        for (String[] bad : new String[][] {{"eta", "fast"}, {"eta", "0"}, {"rounds", "0"}, {"subsample", "1.5"},
                {"cv", "maybe"}, {"nfold", "1"}, {"max_depth", "-1"}}) {
            e = assertThrows(BadInputException.class,
                    () -> trainer().train(d.x(), d.y(), 2, fast(bad[0], bad[1]), ProgressMonitor.NULL), bad[0]);
            assertTrue(e.getMessage().contains("'" + bad[0] + "'"), e.getMessage());
        }
        e = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), Arrays.copyOf(d.y(), 49), 2, FAST, ProgressMonitor.NULL));
        int[] outOfRange = d.y().clone();
        outOfRange[3] = 2;
        assertThrows(BadInputException.class, () -> trainer().train(d.x(), outOfRange, 2, FAST, ProgressMonitor.NULL));
        double[][] infinite = d.x().clone();
        infinite[4] = new double[] {Double.POSITIVE_INFINITY, 0, 0};
        assertThrows(BadInputException.class, () -> trainer().train(infinite, d.y(), 2, FAST, ProgressMonitor.NULL));

        TrainedModel m = trainer().train(d.x(), d.y(), 2, fast("rounds", "5", "cv", "false"), ProgressMonitor.NULL);
        e = assertThrows(BadInputException.class, () -> predictor().predict(m.model(), new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("3 columns"), e.getMessage());
    }

    @Test
    void garbageAndTruncatedModelBytesAreBadInputNotACrash() {
        Data.Set d = Data.threeClasses(90, 71);
        byte[] good = trainer().train(d.x(), d.y(), 3, fast("rounds", "8", "cv", "false"), ProgressMonitor.NULL).model();
        assertEquals(90, predictor().predict(good, d.x()).length);

        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[0]);
        bad.add(new byte[] {'{'});
        bad.add("{}".getBytes(StandardCharsets.US_ASCII));
        bad.add("{\"learner\": 1}".getBytes(StandardCharsets.US_ASCII));
        bad.add("not a model at all".getBytes(StandardCharsets.US_ASCII));
        Random r = new Random(3);
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1 + r.nextInt(4000)];
            r.nextBytes(noise);
            bad.add(noise);
            byte[] braced = noise.clone();
            braced[0] = '{';
            bad.add(braced);
        }
        // every truncation of the UBJSON model and of the same model as JSON (libxgboost's own UBJSON
        // reader reads past the end of a truncated buffer; the bundle must stop them before)
        byte[] json;
        try {
            json = ml.dmlc.xgboost4j.java.XGBoost.loadModel(good).toByteArray("json");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(90, predictor().predict(json, d.x()).length, "JSON models are read too");
        for (byte[] whole : new byte[][] {good, json}) {
            for (int len = 0; len < whole.length; len++) {
                bad.add(Arrays.copyOf(whole, len));
            }
            byte[] longer = Arrays.copyOf(whole, whole.length + 3);
            bad.add(longer);
        }
        for (byte[] b : bad) {
            BadInputException e = assertThrows(BadInputException.class, () -> predictor().predict(b, d.x()),
                    b.length + " bytes");
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertFalse(e.getMessage().isBlank());
            if (b.length % 7 == 0) {
                assertThrows(BadInputException.class, () -> predictor().importance(b, 4));
            }
        }
        assertThrows(BadInputException.class, () -> predictor().predict(null, d.x()));
        // the good model still works after all that
        assertEquals(90, predictor().predict(good, d.x()).length);
    }

    /** Predictor.check: no NaN or infinite value anywhere libxgboost sums it, and the widths asked for. */
    @Test
    void checkRefusesNonFiniteValuesAndOtherWidths() throws Exception {
        Data.Set d = Data.threeClasses(90, 75);
        byte[] good = trainer().train(d.x(), d.y(), 3, fast("rounds", "6", "cv", "false"), ProgressMonitor.NULL).model();
        predictor().check(good, 4, 3);
        assertTrue(assertThrows(BadInputException.class, () -> predictor().check(good, 5, 3)).getMessage().contains("columns"));
        assertThrows(BadInputException.class, () -> predictor().check(good, 4, 2));
        byte[] json = ml.dmlc.xgboost4j.java.XGBoost.loadModel(good).toByteArray("json");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String[][] edits = {
                {"/learner/gradient_booster/model/trees/0/split_conditions", "0", "1e39"},
                {"/learner/gradient_booster/model/trees/0/base_weights", "0", "-1e300"},
                {"/learner/learner_model_param", "base_score", "\"NaN\""},
        };
        for (String[] edit : edits) {
            com.fasterxml.jackson.databind.JsonNode root = mapper.readTree(json);
            com.fasterxml.jackson.databind.JsonNode at = root.at(edit[0]);
            com.fasterxml.jackson.databind.JsonNode value = mapper.readTree(edit[2]);
            if (at.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) at).set(Integer.parseInt(edit[1]), value);
            } else {
                ((com.fasterxml.jackson.databind.node.ObjectNode) at).set(edit[1], value);
            }
            byte[] broken = mapper.writeValueAsBytes(root);
            BadInputException e = assertThrows(BadInputException.class, () -> predictor().check(broken, 4, 3), String.join(" ", edit));
            assertTrue(e.getMessage().contains("finite") || e.getMessage().contains("base_score"), e.getMessage());
        }
        // a NaN in the UBJSON's typed float32 array of split conditions
        byte[] key = "split_conditions[$d#".getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (!Arrays.equals(good, i, i + key.length, key, 0, key.length)) {
            i++;
        }
        int first = i + key.length + 1 + switch (good[i + key.length]) {
            case 'I' -> 2;
            case 'l' -> 4;
            case 'L' -> 8;
            default -> 1;
        };
        byte[] nan = good.clone();
        nan[first] = (byte) 0x7f;
        nan[first + 1] = (byte) 0xc0;
        BadInputException e = assertThrows(BadInputException.class, () -> predictor().check(nan, 4, 3));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        assertThrows(BadInputException.class, () -> predictor().predict(nan, d.x()));
    }

    @Test
    void inconsistentTreesAreBadInputNotACrash() throws Exception {
        Data.Set d = Data.threeClasses(90, 73);
        byte[] good = trainer().train(d.x(), d.y(), 3, fast("rounds", "6", "cv", "false"), ProgressMonitor.NULL).model();
        byte[] json = ml.dmlc.xgboost4j.java.XGBoost.loadModel(good).toByteArray("json");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        // each edit once made libxgboost crash (tree id) or would index outside a tree's arrays
        String[][] edits = {
                {"/learner/gradient_booster/model/trees/1", "id", "0"},
                {"/learner/gradient_booster/model/trees/0/tree_param", "num_nodes", "\"1000\""},
                {"/learner/gradient_booster/model/trees/0/left_children", "0", "999"},
                {"/learner/gradient_booster/model/trees/0/right_children", "0", "-7"},
                {"/learner/gradient_booster/model/trees/0/split_indices", "0", "77"},
                {"/learner/gradient_booster/model/tree_info", "0", "5"},
                {"/learner/gradient_booster/model/gbtree_model_param", "num_trees", "\"3\""},
                {"/learner/gradient_booster", "name", "\"dart\""},
        };
        for (String[] edit : edits) {
            com.fasterxml.jackson.databind.JsonNode root = mapper.readTree(json);
            com.fasterxml.jackson.databind.JsonNode at = root.at(edit[0]);
            com.fasterxml.jackson.databind.JsonNode value = mapper.readTree(edit[2]);
            if (at.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) at).set(Integer.parseInt(edit[1]), value);
            } else {
                ((com.fasterxml.jackson.databind.node.ObjectNode) at).set(edit[1], value);
            }
            byte[] broken = mapper.writeValueAsBytes(root);
            BadInputException e = assertThrows(BadInputException.class, () -> predictor().predict(broken, d.x()),
                    String.join(" ", edit));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        // random byte changes: every outcome is an answer or a BadInputException, never a dead JVM
        Random r = new Random(17);
        int answered = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = good.clone();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                assertEquals(90, predictor().predict(b, d.x()).length);
                predictor().importance(b, 4);
                answered++;
            } catch (BadInputException expected) {
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
            }
        }
        assertTrue(answered > 0, "changed split values still make a model");
    }

    @Test
    void cancellingStopsBetweenRounds() {
        Data.Set d = Data.binary(300, 5, 0, 0.5, 81);
        Recorder cv = new Recorder(3);
        assertThrows(CanceledException.class, () -> trainer().train(d.x(), d.y(), 2, FAST, cv));
        assertEquals(3, cv.worked, "stopped right after the third round");
        assertTrue(cv.done, "the monitor is finished even when cancelled");

        Recorder fin = new Recorder(5);
        assertThrows(CanceledException.class,
                () -> trainer().train(d.x(), d.y(), 2, fast("cv", "false"), fin));
        assertEquals(5, fin.worked);
    }

    /** Records progress; cancels once {@code cancelAfter} units were reported. */
    static final class Recorder implements ProgressMonitor {
        final long cancelAfter;
        long total = -2;
        long worked;
        int calls;
        boolean done;

        Recorder(long cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void begin(String task, long totalWork) {
            total = totalWork;
        }

        @Override
        public void worked(long work) {
            worked += work;
            calls++;
        }

        @Override
        public boolean isCanceled() {
            return worked >= cancelAfter;
        }

        @Override
        public void done() {
            done = true;
        }
    }
}
