package org.focal.learn.internal;

import java.util.Arrays;

import org.focal.core.BadInputException;

/**
 * A logistic regression model as stored: small JSON, written by {@link LogisticTrainer} and read by
 * {@link LogisticPredictor}. Coefficients apply to standardised columns {@code (x - mean) / std},
 * a missing ({@code NaN}) value standardised to 0 (the training mean). Binary models have one
 * coefficient row (the log-odds of class 1), multinomial ones one row per class (softmax).
 */
record LogisticModel(
        String format,
        int version,
        int classes,
        int columns,
        double l2,
        double[] means,
        double[] stds,
        double[] intercepts,
        double[][] coefficients) implements JavaModel {

    static final String FORMAT = "focal-logistic-regression";
    static final int VERSION = 1;

    @Override
    public byte[] toBytes() {
        return ModelJson.write(this, "logistic regression");
    }

    static LogisticModel fromBytes(byte[] bytes) {
        LogisticModel m = ModelJson.read(bytes, LogisticModel.class, "logistic regression", FORMAT, VERSION, LogisticModel::format,
                LogisticModel::version);
        int rows = m.classes == 2 ? 1 : m.classes;
        boolean ok = m.classes >= 2 && m.columns >= 0 && TrainerSupport.Scaling.fits(m.means, m.stds, m.columns)
                && m.intercepts != null && m.intercepts.length == rows
                && m.coefficients != null && m.coefficients.length == rows
                && Arrays.stream(m.coefficients).allMatch(c -> c != null && c.length == m.columns);
        if (!ok) {
            throw new BadInputException("logistic regression model is inconsistent (array sizes do not match "
                    + m.classes + " classes and " + m.columns + " columns)");
        }
        String what = "logistic regression";
        StoredNumbers.penalty(what, "l2", m.l2);
        StoredNumbers.within(what, "means", m.means, StoredNumbers.MAX_FEATURE);
        StoredNumbers.stds(what, m.stds);
        StoredNumbers.within(what, "intercepts", m.intercepts, StoredNumbers.MAX_WEIGHT);
        StoredNumbers.within(what, "coefficients", m.coefficients, StoredNumbers.MAX_WEIGHT);
        return m;
    }

    @Override
    public double[] probabilities(double[] row) {
        return LogisticRegression.probabilities(TrainerSupport.Scaling.apply(row, means, stds, "logistic regression"), coefficients,
                intercepts, classes);
    }

    /** |coefficient| of each standardised column, summed over the classes' coefficient rows. */
    @Override
    public double[] importance() {
        double[] out = new double[columns];
        for (double[] row : coefficients) {
            for (int j = 0; j < columns; j++) {
                out[j] += Math.abs(row[j]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticModel m && Arrays.equals(toBytes(), m.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "LogisticModel[classes=" + classes + ", columns=" + columns + "]";
    }
}
