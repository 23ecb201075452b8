package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.learn.Metrics;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code mlp} classifier against scikit-learn and numpy on real data, plus what a linear model cannot do. */
class MlpTest {

    private static Trainer trainer() {
        return Services.await(Trainer.class, "(focal.classifier=mlp)");
    }

    private static Predictor predictor() {
        return Services.await(Predictor.class, "(focal.classifier=mlp)");
    }

    /**
     * Wisconsin breast cancer (scikit-learn's bundled copy, 569 x 30): even rows train, odd rows
     * test. The reference side (a) fits scikit-learn's MLPClassifier with the same architecture,
     * activation, solver and weight decay, (b) re-implements Focal's documented forward pass and
     * penalised objective in numpy on the weights Focal wrote, and returns the probabilities and the
     * largest component of the objective's gradient there.
     */
    private static final String REFERENCE = """
            from sklearn.datasets import load_breast_cancer
            from sklearn.neural_network import MLPClassifier
            from sklearn.metrics import roc_auc_score
            d = load_breast_cancer()
            X, y = d.data, d.target
            if data.get('dump'):
                print(json.dumps({'x': X.tolist(), 'y': y.tolist()}))
                sys.exit(0)
            tr, te = np.arange(0, len(y), 2), np.arange(1, len(y), 2)
            mean, std = X[tr].mean(axis=0), X[tr].std(axis=0)
            Z = (X - mean) / std
            m = MLPClassifier(hidden_layer_sizes=(16,), activation='tanh', solver='lbfgs', alpha=1.0, max_iter=500,
                              random_state=0).fit(Z[tr], y[tr])
            sk_auc = roc_auc_score(y[te], m.predict_proba(Z[te])[:, 1])
            M = data['model']
            W1, b1, W2, b2 = (np.array(M[k]) for k in ('w1', 'b1', 'w2', 'b2'))
            Zf = (X - np.array(M['means'])) / np.array(M['stds'])
            def forward(Zr):
                A = np.tanh(Zr @ W1.T + b1)
                return A, 1 / (1 + np.exp(-(A @ W2.T + b2)[:, 0]))
            A, p = forward(Zf[tr])
            n, alpha = len(tr), M['alpha']
            r = (p - y[tr])[:, None]
            gW2 = (r * A).sum(axis=0, keepdims=True) + alpha * W2
            delta = (r @ W2) * (1 - A ** 2)
            gW1 = delta.T @ Zf[tr] + alpha * W1
            grad = np.concatenate([gW1.ravel(), delta.sum(axis=0), gW2.ravel(), r.sum(axis=0)]) / n
            print(json.dumps({'sk_auc': sk_auc, 'proba_test': forward(Zf[te])[1].tolist(),
                              'max_grad': float(np.abs(grad).max()), 'train_loss': float(-np.mean(y[tr] * np.log(p) + (1 - y[tr]) * np.log(1 - p)))}))
            """;

    @Test
    void matchesScikitLearnOnBreastCancerAndReachesAStationaryPoint() {
        JsonNode dump = Reference.python(REFERENCE, Map.of("dump", true));
        double[][] x = Reference.matrix(dump.get("x"));
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = dump.get("y").get(i).asInt();
        }
        int half = (x.length + 1) / 2;
        double[][] train = new double[half][];
        int[] trainY = new int[half];
        double[][] test = new double[x.length / 2][];
        int[] testY = new int[test.length];
        for (int i = 0; i < x.length; i++) {
            if (i % 2 == 0) {
                train[i / 2] = x[i];
                trainY[i / 2] = y[i];
            } else {
                test[i / 2] = x[i];
                testY[i / 2] = y[i];
            }
        }
        TrainedModel m = trainer().train(train, trainY, 2, Map.of("cv_folds", "0", "tolerance", "1e-8", "max_iterations", "5000"),
                ProgressMonitor.NULL);
        double[][] p = predictor().predict(m.model(), test);
        double[] scores = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            scores[i] = p[i][1];
        }
        double auc = Metrics.auc(scores, testY);

        JsonNode ref;
        try {
            ref = Reference.python(REFERENCE, Map.of("model", Reference.JSON.readTree(m.model())));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        double skAuc = ref.get("sk_auc").asDouble();
        assertTrue(auc > 0.97 && Math.abs(auc - skAuc) < 0.02, "test AUC " + auc + ", scikit-learn " + skAuc);
        double[] numpyP = Reference.doubles(ref.get("proba_test"));
        for (int i = 0; i < numpyP.length; i++) {
            assertEquals(numpyP[i], scores[i], 1e-9, "probability of test row " + i);
        }
        assertTrue(ref.get("max_grad").asDouble() < 1e-6, "gradient of the documented objective at Focal's weights: " + ref.get("max_grad"));
        assertEquals(ref.get("train_loss").asDouble(), m.metrics().get("train_loss"), 1e-9);
    }

    @Test
    void learnsXorWhichALinearModelCannot() {
        Random random = new Random(3);
        double[][] x = new double[400][];
        int[] y = new int[400];
        for (int i = 0; i < x.length; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x[i] = new double[] {a, b, random.nextGaussian()};
            y[i] = a * b > 0 ? 1 : 0;
        }
        Map<String, String> params = Map.of("alpha", "0.01", "cv_folds", "5");
        TrainedModel mlp = trainer().train(x, y, 2, params, ProgressMonitor.NULL);
        TrainedModel linear = Services.await(Trainer.class, "(focal.classifier=logistic)").train(x, y, 2, Map.of(), ProgressMonitor.NULL);
        assertTrue(mlp.metrics().get("cv_auc") > 0.95, mlp.metrics().toString());
        assertTrue(linear.metrics().get("cv_auc") < 0.7, linear.metrics().toString());
        double[] importance = predictor().importance(mlp.model(), 3);
        assertTrue(importance[0] > 2 * importance[2] && importance[1] > 2 * importance[2], java.util.Arrays.toString(importance));
        // same data, parameters and seed: the same model
        assertEquals(new String(mlp.model(), StandardCharsets.UTF_8),
                new String(trainer().train(x, y, 2, params, ProgressMonitor.NULL).model(), StandardCharsets.UTF_8));
    }

    @Test
    void threeClassesAndMissingValues() {
        Random random = new Random(5);
        double[][] x = new double[300][];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            x[i] = new double[] {y[i] * 2 + random.nextGaussian() * 0.5, random.nextGaussian()};
        }
        x[7][1] = Double.NaN;
        TrainedModel m = trainer().train(x, y, 3, Map.of(), ProgressMonitor.NULL);
        assertTrue(m.metrics().get("train_accuracy") > 0.9, m.metrics().toString());
        double[][] p = predictor().predict(m.model(), new double[][] {{4.1, Double.NaN}, {-0.2, 0}});
        assertEquals(1.0, p[0][0] + p[0][1] + p[0][2], 1e-12);
        assertTrue(p[0][2] > 0.8 && p[1][0] > 0.8, java.util.Arrays.deepToString(p));
    }

    @Test
    void badInputIsRefused() {
        double[][] x = {{0, 1}, {1, 0}, {0, 0}, {1, 1}};
        int[] y = {0, 1, 0, 1};
        for (Map<String, String> bad : List.of(Map.of("hidden", "0"), Map.of("hidden", "many"), Map.of("alpha", "-1"),
                Map.of("rounds", "3"), Map.of("cv_folds", "1"))) {
            BadInputException e = assertThrows(BadInputException.class, () -> trainer().checkParameters(bad), bad.toString());
            assertTrue(e.getMessage().startsWith("mlp: parameter '") || e.getMessage().startsWith("mlp: unknown parameter"), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> trainer().train(x, new int[4], 2, Map.of(), ProgressMonitor.NULL));
        TrainedModel m = trainer().train(x, y, 2, Map.of("cv_folds", "0"), ProgressMonitor.NULL);
        assertThrows(BadInputException.class, () -> predictor().predict(m.model(), new double[][] {{1, 2, 3}}));
        assertThrows(BadInputException.class, () -> predictor().importance(m.model(), 5));
        String good = new String(m.model(), StandardCharsets.UTF_8);
        for (String garbage : List.of("", "{}", "{\"format\":\"focal-logistic-regression\",\"version\":1}",
                good.replace("\"version\":1", "\"version\":9"), good.replace("\"hidden\":16", "\"hidden\":15"))) {
            assertThrows(BadInputException.class, () -> predictor().predict(garbage.getBytes(StandardCharsets.UTF_8), x), garbage);
        }
    }
}
