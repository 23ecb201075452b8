package org.focal.pathology.model;

import org.focal.core.learn.Predictor;

/** Majority vote of the patch-level subtype router over a slide's tiles. */
final class Routing {

    private Routing() {
    }

    /** How many tiles the router assigns to each subtype; {@code check} sees each tile's probabilities first. */
    static int[] votes(Predictor predictor, byte[] router, double[][] tileRows, int classes,
            java.util.function.Consumer<double[]> check) {
        int[] votes = new int[classes];
        if (tileRows.length == 0) {
            return votes;
        }
        for (double[] p : predictor.predict(router, tileRows)) {
            check.accept(p);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            votes[best]++;
        }
        return votes;
    }

    /** The subtype with most votes; ties go to the earlier subtype, so the choice is deterministic. */
    static int majority(int[] votes) {
        int best = 0;
        for (int c = 1; c < votes.length; c++) {
            if (votes[c] > votes[best]) {
                best = c;
            }
        }
        return best;
    }
}
