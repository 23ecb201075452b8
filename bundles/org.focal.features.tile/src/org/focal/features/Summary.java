package org.focal.features;

import java.util.Arrays;

/**
 * Summary statistics with numpy's conventions, so that values compare with the reference tools:
 * population standard deviation ({@code ddof = 0}) and linearly interpolated percentiles
 * ({@code numpy.percentile}'s default). NaN values are ignored; an empty input gives NaN.
 */
public final class Summary {

    /** The statistics {@link #of} appends, in order, as feature-name suffixes. */
    public static final String[] STATS = {"mean", "std", "p10", "p50", "p90"};

    private Summary() {
    }

    /**
     * Writes mean, std, p10, p50, p90 of the first {@code n} values into {@code out} from
     * {@code offset}; sorts those values in place (NaN last).
     */
    public static void of(double[] values, int n, double[] out, int offset) {
        Arrays.sort(values, 0, n);
        int m = n;
        while (m > 0 && Double.isNaN(values[m - 1])) {
            m--;
        }
        double mean = mean(values, m);
        out[offset] = mean;
        out[offset + 1] = std(values, m, mean);
        out[offset + 2] = percentileOfSorted(values, m, 10);
        out[offset + 3] = percentileOfSorted(values, m, 50);
        out[offset + 4] = percentileOfSorted(values, m, 90);
    }

    public static double mean(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }

    /** Population standard deviation of the first {@code n} values around {@code mean}. */
    public static double std(double[] values, int n, double mean) {
        if (n == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    /** numpy's linear percentile {@code q} (0..100) of the first {@code n} values, already sorted ascending. */
    public static double percentileOfSorted(double[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q / 100 * (n - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double f = pos - lo;
        return sorted[lo] + f * (sorted[lo + 1] - sorted[lo]);
    }

    /** The names {@code prefix.mean, prefix.std, prefix.p10, prefix.p50, prefix.p90}. */
    public static String[] names(String prefix) {
        String[] names = new String[STATS.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = prefix + "." + STATS[i];
        }
        return names;
    }
}
