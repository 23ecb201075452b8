package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.focal.core.BadInputException;
import org.focal.core.CanceledException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class LogisticRegressionTest {

    /**
     * Two independent references on the same data, standardised and imputed as documented (population
     * std, NaN = training mean): scikit-learn's LogisticRegression with C = 1 / l2 (its L-BFGS stops on
     * a relative loss change of 64 eps, so it is good to about 1e-6), and Newton's method on the same
     * penalised log-likelihood run to machine precision (the exact maximum-likelihood solution).
     */
    private static final String REFERENCES = """
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import log_loss
            X = np.array(data['x'], dtype=float)
            y = np.array(data['y'])
            K = data['classes']
            lam = data['l2']
            mean = np.nanmean(X, axis=0)
            std = np.nanstd(X, axis=0)
            std[std <= 1e-12 * np.maximum(1, np.abs(mean))] = 1
            Z = (X - mean) / std
            Z[np.isnan(Z)] = 0
            m = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=100000).fit(Z, y)
            sk_b = m.intercept_ - (m.intercept_.mean() if len(m.intercept_) > 1 else 0)
            n, f = Z.shape
            A = np.hstack([Z, np.ones((n, 1))])
            R = np.eye(f + 1) * lam
            R[f, f] = 0
            rows = 1 if K == 2 else K
            Y = (y[:, None] == (np.arange(rows) + (1 if K == 2 else 0))[None, :]).astype(float)
            W = np.zeros((rows, f + 1))
            def probs(W):
                S = A @ W.T
                if K == 2:
                    p1 = 1 / (1 + np.exp(-S[:, 0]))
                    return np.stack([1 - p1, p1], axis=1)
                S = S - S.max(axis=1, keepdims=True)
                P = np.exp(S)
                return P / P.sum(axis=1, keepdims=True)
            for it in range(200):
                P = probs(W)
                Pk = P[:, 1:] if K == 2 else P
                G = (Pk - Y).T @ A + W @ R
                H = np.zeros((rows * (f + 1), rows * (f + 1)))
                for k in range(rows):
                    for l in range(rows):
                        wgt = Pk[:, k] * ((k == l) - Pk[:, l])
                        H[k*(f+1):(k+1)*(f+1), l*(f+1):(l+1)*(f+1)] = (A.T * wgt) @ A + (R if k == l else 0)
                step = np.linalg.lstsq(H, G.reshape(-1), rcond=None)[0].reshape(rows, f + 1)
                W = W - step
                if np.max(np.abs(step)) < 1e-15:
                    break
            b = W[:, f] - (W[:, f].mean() if rows > 1 else 0)
            P = probs(W)
            print(json.dumps({'coef': W[:, :f].tolist(), 'intercept': b.tolist(), 'proba': P.tolist(),
                              'loss': log_loss(y, P), 'sk_coef': m.coef_.tolist(), 'sk_intercept': sk_b.tolist()}))
            """;

    private static Trainer trainer() {
        return Services.await(Trainer.class, "(focal.classifier=logistic)");
    }

    private static Predictor predictor() {
        return Services.await(Predictor.class, "(focal.classifier=logistic)");
    }

    private record Data(double[][] x, int[] y) {
    }

    /** Column 1 decides the class (noisily, on a shifted scale); 0 and 2 are noise (2 with NaN); 3 is constant. */
    private static Data binary(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = 100 + 10 * r.nextGaussian();
            x[i][2] = r.nextDouble() < 0.1 ? Double.NaN : 3 * r.nextGaussian();
            x[i][3] = 7;
            double logit = 1.5 * (x[i][1] - 100) / 10 + 0.3;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new Data(x, y);
    }

    private static void assertMatchesReferences(Data d, int classes, double l2, double tolerance) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("l2", Double.toString(l2));
        TrainedModel model = trainer().train(d.x(), d.y(), classes, params, ProgressMonitor.NULL);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("x", d.x());
        input.put("y", d.y());
        input.put("l2", l2);
        input.put("classes", classes);
        JsonNode ref = Reference.python(REFERENCES, input);
        JsonNode ours = Reference.JSON.readTree(model.model());
        double[][] ourCoef = Reference.matrix(ours.get("coefficients"));
        double[] ourIntercepts = Reference.doubles(ours.get("intercepts"));
        compare(Reference.matrix(ref.get("coef")), Reference.doubles(ref.get("intercept")), ourCoef, ourIntercepts, tolerance,
                "Newton");
        compare(Reference.matrix(ref.get("sk_coef")), Reference.doubles(ref.get("sk_intercept")), ourCoef, ourIntercepts, 1e-4,
                "scikit-learn");
        double[][] p = predictor().predict(model.model(), d.x());
        double[][] refP = Reference.matrix(ref.get("proba"));
        for (int i = 0; i < p.length; i++) {
            assertEquals(classes, p[i].length);
            for (int c = 0; c < classes; c++) {
                assertEquals(refP[i][c], p[i][c], tolerance, "probability " + i + "," + c);
            }
        }
        Reference.assertClose(ref.get("loss").asDouble(), model.metrics().get("train_loss"), tolerance, 1e-3, "train_loss");
        assertEquals(1.0, model.metrics().get("converged"));
    }

    private static void compare(double[][] coef, double[] intercepts, double[][] ourCoef, double[] ourIntercepts, double tolerance,
            String reference) {
        assertEquals(coef.length, ourCoef.length, reference);
        for (int k = 0; k < coef.length; k++) {
            for (int j = 0; j < coef[k].length; j++) {
                Reference.assertClose(coef[k][j], ourCoef[k][j], tolerance, 1, reference + " coefficient " + k + "," + j);
            }
            Reference.assertClose(intercepts[k], ourIntercepts[k], tolerance, 1, reference + " intercept " + k);
        }
    }

    @Test
    void binaryMatchesScikitLearn() throws Exception {
        assertMatchesReferences(binary(300, 1), 2, 1.0, 1e-7);
        assertMatchesReferences(binary(60, 2), 2, 0.1, 1e-7);
    }

    /** Perfectly separable: the L2 penalty keeps the solution finite, and it is scikit-learn's. */
    @Test
    void separableMatchesScikitLearn() throws Exception {
        Random r = new Random(4);
        double[][] x = new double[24][2];
        int[] y = new int[24];
        for (int i = 0; i < 24; i++) {
            y[i] = i % 2;
            x[i][0] = (y[i] == 1 ? 2 : -2) + r.nextDouble();
            x[i][1] = r.nextGaussian();
        }
        assertMatchesReferences(new Data(x, y), 2, 1.0, 1e-7);
    }

    @Test
    void multinomialMatchesScikitLearn() throws Exception {
        Random r = new Random(9);
        int n = 240;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i][0] = y[i] + r.nextGaussian();
            x[i][1] = (y[i] == 2 ? 1 : 0) + r.nextGaussian();
            x[i][2] = r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian();
        }
        assertMatchesReferences(new Data(x, y), 3, 1.0, 1e-7);
        assertMatchesReferences(new Data(x, y), 3, 0.01, 1e-7);
    }

    @Test
    void informativeColumnIsMostImportantAndMetricsAreThere() {
        Data d = binary(200, 5);
        TrainedModel m = trainer().train(d.x(), d.y(), 2, Map.of(), ProgressMonitor.NULL);
        double[] imp = predictor().importance(m.model(), 4);
        assertEquals(4, imp.length);
        for (int j : new int[] {0, 2, 3}) {
            assertTrue(imp[1] > 3 * imp[j], java.util.Arrays.toString(imp));
        }
        assertEquals(0.0, imp[3], 1e-9, "a constant column has no weight");
        double auc = m.metrics().get("cv_auc");
        assertTrue(auc > 0.75 && auc <= 1, "cv_auc " + auc);
        assertEquals(5.0, m.metrics().get("cv_folds"));
        assertTrue(m.metrics().get("train_loss") > 0 && m.metrics().get("train_loss") < Math.log(2), m.metrics().toString());
        // the model is small JSON, and NaN rows are predicted (imputed by the training mean)
        assertTrue(m.model().length < 2000, new String(m.model(), StandardCharsets.UTF_8));
        double[][] p = predictor().predict(m.model(), new double[][] {{Double.NaN, Double.NaN, Double.NaN, Double.NaN}, {0, 130, 0, 7}});
        assertEquals(1.0, p[0][0] + p[0][1], 1e-12);
        assertTrue(p[1][1] > 0.9, "a high column 1 means class 1: " + p[1][1]);
        // the same data and parameters give the same model
        assertEquals(new String(m.model(), StandardCharsets.UTF_8),
                new String(trainer().train(d.x(), d.y(), 2, Map.of(), ProgressMonitor.NULL).model(), StandardCharsets.UTF_8));
    }

    /** Predictor.check: the bytes' numbers in sane ranges (a mean of 1e308 once gave NaN), and the widths asked for. */
    @Test
    void checkRefusesOutOfRangeNumbersAndOtherWidths() throws Exception {
        Data d = binary(100, 9);
        byte[] good = trainer().train(d.x(), d.y(), 2, Map.of("cv_folds", "0"), ProgressMonitor.NULL).model();
        predictor().check(good, 4, 2);
        assertTrue(assertThrows(BadInputException.class, () -> predictor().check(good, 3, 2)).getMessage().contains("columns"));
        assertTrue(assertThrows(BadInputException.class, () -> predictor().check(good, 4, 3)).getMessage().contains("classes"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String[][] edits = {{"means", "0", "1e308", "means[0]"}, {"stds", "1", "0", "stds[1]"}, {"stds", "2", "1e-300", "stds[2]"},
                {"intercepts", "0", "-1e300", "intercepts[0]"}};
        for (String[] edit : edits) {
            com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(good);
            ((com.fasterxml.jackson.databind.node.ArrayNode) m.get(edit[0])).set(Integer.parseInt(edit[1]), json.readTree(edit[2]));
            byte[] bad = json.writeValueAsBytes(m);
            BadInputException e = assertThrows(BadInputException.class, () -> predictor().check(bad, 4, 2));
            assertTrue(e.getMessage().contains(edit[3]), e.getMessage());
            assertThrows(BadInputException.class, () -> predictor().predict(bad, d.x()), "predict reads the same way");
        }
        // training refuses what reading would refuse
        d.x()[3][1] = 1e16;
        assertTrue(assertThrows(BadInputException.class, () -> trainer().train(d.x(), d.y(), 2, Map.of(), ProgressMonitor.NULL))
                .getMessage().contains("1e15"));
    }

    @Test
    void badInputIsRefused() {
        Data d = binary(40, 6);
        BadInputException oneClass = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), new int[40], 2, Map.of(), ProgressMonitor.NULL));
        assertTrue(oneClass.getMessage().contains("needs at least two classes"), oneClass.getMessage());
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), d.y(), 2, Map.of("rounds", "10"), ProgressMonitor.NULL));
        assertTrue(unknown.getMessage().contains("'rounds'"), unknown.getMessage());
        BadInputException badL2 = assertThrows(BadInputException.class,
                () -> trainer().train(d.x(), d.y(), 2, Map.of("l2", "much"), ProgressMonitor.NULL));
        assertTrue(badL2.getMessage().contains("'l2'"), badL2.getMessage());
        assertThrows(BadInputException.class, () -> trainer().train(d.x(), new int[] {0, 1}, 2, Map.of(), ProgressMonitor.NULL));
        int[] label3 = d.y().clone();
        label3[0] = 3;
        assertThrows(BadInputException.class, () -> trainer().train(d.x(), label3, 2, Map.of(), ProgressMonitor.NULL));
        for (byte[] garbage : List.of(new byte[] {1, 2, 3, (byte) 0xff}, "{}".getBytes(StandardCharsets.UTF_8),
                "{\"format\":\"xgboost\"}".getBytes(StandardCharsets.UTF_8), new byte[0],
                "{\"format\":\"focal-logistic-regression\",\"version\":1,\"classes\":2,\"columns\":2,\"means\":[0],\"stds\":[1,1],\"intercepts\":[0],\"coefficients\":[[1,1]]}"
                        .getBytes(StandardCharsets.UTF_8))) {
            assertThrows(BadInputException.class, () -> predictor().predict(garbage, d.x()), new String(garbage, StandardCharsets.UTF_8));
            assertThrows(BadInputException.class, () -> predictor().importance(garbage, 4));
        }
        TrainedModel m = trainer().train(d.x(), d.y(), 2, Map.of("cv_folds", "0"), ProgressMonitor.NULL);
        assertTrue(!m.metrics().containsKey("cv_auc"));
        assertThrows(BadInputException.class, () -> predictor().predict(m.model(), new double[][] {{1, 2}}));
    }

    /** Counts work and cancellation checks; reports "cancelled" from check number {@code cancelAt} on. */
    private static final class CountingMonitor implements ProgressMonitor {
        final AtomicInteger worked = new AtomicInteger();
        final AtomicInteger checks = new AtomicInteger();
        long total = -2;
        private final int cancelAt;

        CountingMonitor(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void begin(String task, long totalWork) {
            total = totalWork;
        }

        @Override
        public void worked(long work) {
            worked.addAndGet((int) work);
        }

        @Override
        public boolean isCanceled() {
            return checks.incrementAndGet() >= cancelAt;
        }

        @Override
        public void done() {
        }
    }

    @Test
    void reportsProgressAndHonoursCancellation() {
        Data d = binary(100, 7);
        CountingMonitor counting = new CountingMonitor(Integer.MAX_VALUE);
        trainer().train(d.x(), d.y(), 2, Map.of(), counting);
        assertEquals(6, counting.total, "5 folds and the final fit");
        assertEquals(6, counting.worked.get());
        assertTrue(counting.checks.get() > 6, "checks " + counting.checks.get());
        CountingMonitor cancelling = new CountingMonitor(4);
        assertThrows(CanceledException.class, () -> trainer().train(d.x(), d.y(), 2, Map.of(), cancelling));
        assertEquals(4, cancelling.checks.get(), "stops at the first check that says cancelled");
    }
}
