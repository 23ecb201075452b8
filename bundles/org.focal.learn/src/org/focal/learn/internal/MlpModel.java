package org.focal.learn.internal;

import java.util.Arrays;

import org.focal.core.BadInputException;

/**
 * An MLP as stored: small JSON written by {@link MlpTrainer} and read by {@link MlpPredictor}.
 * Weights apply to standardised columns {@code (x - mean) / std}, a missing value standardised to 0.
 * {@code w1} has one row per hidden unit, {@code w2} one row per output (1 for two classes).
 */
record MlpModel(
        String format,
        int version,
        int classes,
        int columns,
        int hidden,
        double alpha,
        double[] means,
        double[] stds,
        double[][] w1,
        double[] b1,
        double[][] w2,
        double[] b2) implements JavaModel {

    static final String FORMAT = "focal-mlp";
    static final int VERSION = 1;
    private static final String WHAT = "MLP";

    @Override
    public byte[] toBytes() {
        return ModelJson.write(this, WHAT);
    }

    static MlpModel fromBytes(byte[] bytes) {
        MlpModel m = ModelJson.read(bytes, MlpModel.class, WHAT, FORMAT, VERSION, MlpModel::format, MlpModel::version);
        int outputs = m.classes == 2 ? 1 : m.classes;
        boolean ok = m.classes >= 2 && m.columns >= 0 && m.hidden >= 1 && TrainerSupport.Scaling.fits(m.means, m.stds, m.columns)
                && m.w1 != null && m.w1.length == m.hidden && Arrays.stream(m.w1).allMatch(r -> r != null && r.length == m.columns)
                && m.b1 != null && m.b1.length == m.hidden
                && m.w2 != null && m.w2.length == outputs && Arrays.stream(m.w2).allMatch(r -> r != null && r.length == m.hidden)
                && m.b2 != null && m.b2.length == outputs;
        if (!ok) {
            throw new BadInputException("MLP model is inconsistent (array sizes do not match " + m.classes + " classes, "
                    + m.columns + " columns and " + m.hidden + " hidden units)");
        }
        StoredNumbers.penalty(WHAT, "alpha", m.alpha);
        StoredNumbers.within(WHAT, "means", m.means, StoredNumbers.MAX_FEATURE);
        StoredNumbers.stds(WHAT, m.stds);
        StoredNumbers.within(WHAT, "w1", m.w1, StoredNumbers.MAX_WEIGHT);
        StoredNumbers.within(WHAT, "b1", m.b1, StoredNumbers.MAX_WEIGHT);
        StoredNumbers.within(WHAT, "w2", m.w2, StoredNumbers.MAX_WEIGHT);
        StoredNumbers.within(WHAT, "b2", m.b2, StoredNumbers.MAX_WEIGHT);
        return m;
    }

    @Override
    public double[] probabilities(double[] row) {
        return Mlp.probabilities(TrainerSupport.Scaling.apply(row, means, stds, WHAT), w1, b1, w2, b2, classes);
    }

    /**
     * Importance of each input column: the summed magnitude of its paths to the outputs,
     * {@code sum_h |w1[h][j]| * sum_k |w2[k][h]|} (connection weights on standardised inputs).
     */
    @Override
    public double[] importance() {
        double[] out = new double[columns];
        for (int h = 0; h < hidden; h++) {
            double downstream = 0;
            for (double[] row : w2) {
                downstream += Math.abs(row[h]);
            }
            for (int j = 0; j < columns; j++) {
                out[j] += Math.abs(w1[h][j]) * downstream;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpModel m && Arrays.equals(toBytes(), m.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "MlpModel[classes=" + classes + ", columns=" + columns + ", hidden=" + hidden + "]";
    }
}
