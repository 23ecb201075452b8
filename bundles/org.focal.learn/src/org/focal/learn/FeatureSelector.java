package org.focal.learn;

import org.focal.core.plugin.FocalPlugin;

/**
 * Keeps the slide-vector columns that differ between classes, by a univariate statistical test per
 * column. DS service with property {@code focal.selection=<id>}; Focal ships {@code ks}
 * (two-sample Kolmogorov-Smirnov), {@code mwu} (Mann-Whitney U), {@code ttest} (Welch's t) for two
 * classes and {@code anova} (one-way ANOVA F) for two or more. Stateless and thread-safe.
 */
public interface FeatureSelector extends FocalPlugin {

    /**
     * Tests every column. {@code NaN} values are dropped per column; columns that cannot be tested
     * (constant, or too few values in a class) get p = 1. Columns with p strictly below the
     * threshold are kept; when none is, the {@link Selection#FALLBACK_COUNT} columns with the
     * smallest p are kept and {@link Selection#fallback()} is set.
     *
     * @param slideVectors one row per slide, all of the same width
     * @param labels class index per slide
     * @param threshold p-value threshold, e.g. 0.05
     * @throws org.focal.core.BadInputException for fewer than two classes, more than two for a
     *             two-sample test, or rows of different widths
     */
    Selection select(double[][] slideVectors, int[] labels, double threshold);
}
