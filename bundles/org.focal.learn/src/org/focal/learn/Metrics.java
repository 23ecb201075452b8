package org.focal.learn;

/** Classification metrics. */
public final class Metrics {

    /** Probabilities are clipped to [EPS, 1 - EPS] in {@link #logLoss} (as scikit-learn does). */
    public static final double EPS = 1e-15;

    private Metrics() {
    }

    /**
     * Area under the ROC curve of a binary problem: the probability that a random positive sample
     * (label 1) scores higher than a random negative one (label 0), ties counted half (the
     * Mann-Whitney statistic divided by n1 * n0).
     *
     * @param scores higher means more likely positive; no {@code NaN}
     * @param labels 0 or 1 per sample
     * @return the AUC, or {@code NaN} when one class is absent
     * @throws IllegalArgumentException for other labels, a {@code NaN} score or lengths that differ
     */
    public static double auc(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("AUC needs labels 0 and 1, got " + labels[i]);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            positives += labels[i];
            order[i] = i;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // sum of the (average, 1-based) ranks of the positives
        double rankSum = 0;
        for (int i = 0; i < n;) {
            int j = i;
            long pos = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                pos += labels[order[j]];
                j++;
            }
            rankSum += pos * ((i + 1) + j) / 2.0;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Fraction of samples whose most probable class (first one on ties) is the label. */
    public static double accuracy(double[][] probabilities, int[] labels) {
        check(probabilities, labels);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (argmax(probabilities[i]) == labels[i]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    /**
     * Mean cross-entropy {@code -log p(label)} over the samples, probabilities clipped to
     * [{@link #EPS}, 1 - {@link #EPS}].
     */
    public static double logLoss(double[][] probabilities, int[] labels) {
        check(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= probabilities[i].length) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " has no probability");
            }
            double p = Math.min(1 - EPS, Math.max(EPS, probabilities[i][labels[i]]));
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    /** Index of the largest value, the first one on ties. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }

    private static void check(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " rows but " + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
