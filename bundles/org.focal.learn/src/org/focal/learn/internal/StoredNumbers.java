package org.focal.learn.internal;

import java.util.Locale;

import org.focal.core.BadInputException;

/**
 * Range checks of the numbers a stored Java model holds. Finite is not enough: a mean of 1e308
 * overflows the standardisation and the model then answers NaN. The limits are far beyond what
 * training writes (training refuses feature values beyond {@link #MAX_FEATURE} and standard
 * deviations below 1e-12 become 1), and keep every standardised product finite.
 */
final class StoredNumbers {

    /** Largest magnitude of a feature value, hence of a column mean or standard deviation. */
    static final double MAX_FEATURE = 1e15;
    /** Smallest standard deviation. */
    static final double MIN_STD = 1e-15;
    /** Largest magnitude of a weight, bias or intercept (on standardised columns). */
    static final double MAX_WEIGHT = 1e9;

    private StoredNumbers() {
    }

    /** Every value finite and within [-max, max]. */
    static void within(String what, String field, double[] values, double max) {
        for (int i = 0; i < values.length; i++) {
            if (!(Math.abs(values[i]) <= max)) {
                throw bad(what, field + "[" + i + "]", values[i], "within ±" + format(max));
            }
        }
    }

    static void within(String what, String field, double[][] values, double max) {
        for (int r = 0; r < values.length; r++) {
            within(what, field + "[" + r + "]", values[r], max);
        }
    }

    /** Standard deviations: within [MIN_STD, MAX_FEATURE]. */
    static void stds(String what, double[] stds) {
        for (int i = 0; i < stds.length; i++) {
            if (!(stds[i] >= MIN_STD && stds[i] <= MAX_FEATURE)) {
                throw bad(what, "stds[" + i + "]", stds[i], "from " + format(MIN_STD) + " to " + format(MAX_FEATURE));
            }
        }
    }

    /** A penalty weight: finite and >= 0. */
    static void penalty(String what, String field, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw bad(what, field, v, "a finite number >= 0");
        }
    }

    private static BadInputException bad(String what, String field, double v, String expected) {
        return new BadInputException(what + " model: " + field + " is " + v + ", must be " + expected);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.0e", v).replace("e+", "e");
    }
}
