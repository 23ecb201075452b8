package org.focal.learn.internal;

import java.io.IOException;
import java.util.Arrays;

import org.focal.core.BadInputException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        double[][] coefficients) {

    static final String FORMAT = "focal-logistic-regression";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the logistic regression model", e);
        }
    }

    static LogisticModel fromBytes(byte[] bytes) {
        LogisticModel m;
        try {
            m = JSON.readValue(bytes, LogisticModel.class);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("not a logistic regression model (" + firstLine(e.getMessage()) + ")", e);
        }
        if (m == null || !FORMAT.equals(m.format)) {
            throw new BadInputException("not a logistic regression model (format is " + (m == null ? null : m.format) + ")");
        }
        if (m.version != VERSION) {
            throw new BadInputException("logistic regression model version " + m.version + " is not supported (only " + VERSION + ")");
        }
        int rows = m.classes == 2 ? 1 : m.classes;
        boolean ok = m.classes >= 2 && m.columns >= 0 && m.means != null && m.means.length == m.columns
                && m.stds != null && m.stds.length == m.columns && m.intercepts != null && m.intercepts.length == rows
                && m.coefficients != null && m.coefficients.length == rows
                && Arrays.stream(m.coefficients).allMatch(c -> c != null && c.length == m.columns)
                && Arrays.stream(m.stds).allMatch(s -> s > 0 && Double.isFinite(s))
                && Arrays.stream(m.means).allMatch(Double::isFinite);
        if (!ok) {
            throw new BadInputException("logistic regression model is inconsistent (array sizes do not match "
                    + m.classes + " classes and " + m.columns + " columns)");
        }
        return m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The standardised row, missing values as 0. */
    double[] standardize(double[] row) {
        if (row.length != columns) {
            throw new BadInputException("logistic regression model expects " + columns + " columns, got a row of " + row.length);
        }
        double[] z = new double[columns];
        for (int j = 0; j < columns; j++) {
            z[j] = Double.isNaN(row[j]) ? 0 : (row[j] - means[j]) / stds[j];
        }
        return z;
    }

    /** Class probabilities of one raw row. */
    double[] probabilities(double[] row) {
        return LogisticRegression.probabilities(standardize(row), coefficients, intercepts, classes);
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
