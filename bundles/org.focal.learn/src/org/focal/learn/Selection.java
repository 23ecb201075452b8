package org.focal.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link FeatureSelector} kept.
 *
 * @param kept indices of the kept columns, ascending
 * @param pValues the p-value of every column (1 for columns that could not be tested)
 * @param threshold the threshold asked for
 * @param fallback true when no column passed the threshold and the
 *            {@link #FALLBACK_COUNT} columns with the smallest p were kept instead (warn the user)
 */
public record Selection(int[] kept, double[] pValues, double threshold, boolean fallback) {

    /** How many columns are kept at most when none passes the threshold. */
    public static final int FALLBACK_COUNT = 10;

    public Selection {
        kept = kept.clone();
        pValues = pValues.clone();
    }

    @Override
    public int[] kept() {
        return kept.clone();
    }

    @Override
    public double[] pValues() {
        return pValues.clone();
    }

    /** The kept columns of each row. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = apply(rows[r]);
        }
        return out;
    }

    /** The kept columns of one row. */
    public double[] apply(double[] row) {
        double[] out = new double[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = row[kept[i]];
        }
        return out;
    }

    /** The names of the kept columns. */
    public List<String> apply(List<String> names) {
        List<String> out = new ArrayList<>(kept.length);
        for (int k : kept) {
            out.add(names.get(k));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection s && Arrays.equals(kept, s.kept) && Arrays.equals(pValues, s.pValues)
                && Double.compare(threshold, s.threshold) == 0 && fallback == s.fallback;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kept) + Arrays.hashCode(pValues) + Boolean.hashCode(fallback);
    }

    @Override
    public String toString() {
        return "Selection[kept=" + Arrays.toString(kept) + ", threshold=" + threshold + ", fallback=" + fallback + "]";
    }
}
