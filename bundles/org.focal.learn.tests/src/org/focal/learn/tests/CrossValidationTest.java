package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.focal.learn.CrossValidation;
import org.focal.learn.Metrics;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    /**
     * Hand-computed: positives score 0.35, 0.8, 0.4; negatives 0.1, 0.4, 0.35. Pairs won: 0.35 beats
     * 0.1 and ties 0.35 (1.5), 0.8 beats all (3), 0.4 beats 0.1 and 0.35 and ties 0.4 (2.5):
     * 7 of 9 pairs.
     */
    @Test
    void aucCountsTiesHalf() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4, 0.35};
        int[] labels = {0, 0, 1, 1, 1, 0};
        assertEquals(7 / 9.0, Metrics.auc(scores, labels), 1e-15);
        assertEquals(0.5, Metrics.auc(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
        assertEquals(1.0, Metrics.auc(new double[] {0, 1, 2}, new int[] {0, 1, 1}), 1e-15);
        assertEquals(0.0, Metrics.auc(new double[] {0, 1, 2}, new int[] {1, 0, 0}), 1e-15);
        assertTrue(Double.isNaN(Metrics.auc(new double[] {0, 1}, new int[] {1, 1})));
        assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new double[] {0, 1}, new int[] {0, 2}));
    }

    @Test
    void accuracyAndLogLossByHand() {
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.0, 1.0}};
        int[] labels = {0, 1, 1, 0};
        assertEquals(0.5, Metrics.accuracy(p, labels), 1e-15);
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(Metrics.EPS)) / 4;
        assertEquals(expected, Metrics.logLoss(p, labels), 1e-12);
    }

    @Test
    void stratifiedFoldsKeepProportionsAndCoverEverySampleOnce() {
        int[] labels = new int[50];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 30 ? 0 : i < 42 ? 1 : 2;    // 30 / 12 / 8
        }
        // shuffle the order so that folds cannot come from positions
        java.util.Random r = new java.util.Random(3);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        int k = 5;
        int[][] folds = CrossValidation.stratifiedFolds(labels, k, 42);
        assertEquals(k, folds.length);
        int[] seen = new int[labels.length];
        for (int f = 0; f < k; f++) {
            int[] counts = new int[3];
            for (int i : folds[f]) {
                seen[i]++;
                counts[labels[i]]++;
            }
            assertEquals(6, counts[0], "fold " + f);
            assertTrue(counts[1] == 2 || counts[1] == 3, "fold " + f + " ones " + counts[1]);
            assertTrue(counts[2] == 1 || counts[2] == 2, "fold " + f + " twos " + counts[2]);
            assertEquals(10, folds[f].length, "fold sizes differ by at most one: " + Arrays.deepToString(folds));
            assertArrayEquals(Arrays.stream(folds[f]).sorted().toArray(), folds[f]);
            int[] train = CrossValidation.trainIndices(folds, f);
            assertEquals(labels.length - folds[f].length, train.length);
            for (int i : folds[f]) {
                assertTrue(Arrays.binarySearch(train, i) < 0);
            }
        }
        for (int s : seen) {
            assertEquals(1, s);
        }
        assertTrue(Arrays.deepEquals(folds, CrossValidation.stratifiedFolds(labels, k, 42)), "same seed, same folds");
        assertFalse(Arrays.deepEquals(folds, CrossValidation.stratifiedFolds(labels, k, 43)), "another seed, other folds");
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(labels, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(new int[] {0, 1}, 3, 1));
        assertArrayEquals(new int[] {2, 0}, CrossValidation.labels(new int[] {0, 1, 2}, new int[] {2, 0}));
    }
}
