package org.focal.learn.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.focal.core.BadInputException;
import org.focal.learn.FeatureSelector;
import org.focal.learn.Selection;

/** Column-by-column selection: NaN dropped, untestable columns p = 1, threshold or fallback. */
abstract class AbstractSelector extends NamedPlugin implements FeatureSelector {

    private final boolean twoClassesOnly;
    private final int minimumPerClass;

    /**
     * @param twoClassesOnly whether the test compares exactly two classes
     * @param minimumPerClass values each class needs in a column for the test (else p = 1)
     */
    AbstractSelector(String id, String displayName, boolean twoClassesOnly, int minimumPerClass) {
        super(id, displayName);
        this.twoClassesOnly = twoClassesOnly;
        this.minimumPerClass = minimumPerClass;
    }

    /**
     * The p-value for one column; the groups (one per class, in label order) hold the column's
     * non-NaN values, at least {@code minimumPerClass} each, and are not all equal. Return NaN when the test cannot be computed.
     */
    abstract double pValue(List<double[]> groups);

    @Override
    public Selection select(double[][] slideVectors, int[] labels, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new BadInputException(id() + ": the p-value threshold must be above 0 and at most 1, was " + threshold);
        }
        if (slideVectors.length != labels.length) {
            throw new BadInputException(id() + ": " + slideVectors.length + " slide vectors but " + labels.length + " labels");
        }
        int width = slideVectors.length == 0 ? 0 : slideVectors[0].length;
        for (int r = 0; r < slideVectors.length; r++) {
            if (slideVectors[r].length != width) {
                throw new BadInputException(id() + ": slide vector " + r + " has " + slideVectors[r].length + " values, expected " + width);
            }
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        if (byClass.size() < 2) {
            throw new BadInputException(id() + ": feature selection needs at least two classes, got "
                    + (byClass.isEmpty() ? "no slides" : "only class " + byClass.firstKey()));
        }
        if (twoClassesOnly && byClass.size() > 2) {
            throw new BadInputException(id() + " compares two classes, got " + byClass.size() + " (use anova for more)");
        }
        double[] p = new double[width];
        for (int j = 0; j < width; j++) {
            List<double[]> groups = new ArrayList<>();
            for (List<Integer> members : byClass.values()) {
                final int col = j;
                groups.add(members.stream().mapToDouble(i -> slideVectors[i][col]).filter(v -> !Double.isNaN(v)).toArray());
            }
            p[j] = testColumn(groups);
        }
        int[] kept = IntStream.range(0, width).filter(j -> p[j] < threshold).toArray();
        boolean fallback = false;
        if (kept.length == 0 && width > 0) {
            fallback = true;
            kept = IntStream.range(0, width).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> p[j]).thenComparingInt(j -> j))
                    .limit(Selection.FALLBACK_COUNT).mapToInt(Integer::intValue).sorted().toArray();
        }
        return new Selection(kept, p, threshold, fallback);
    }

    private double testColumn(List<double[]> groups) {
        double first = Double.NaN;
        boolean constant = true;
        for (double[] g : groups) {
            for (double v : g) {
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    constant = false;
                }
            }
        }
        if (constant || anyShorterThan(groups, minimumPerClass)) {
            return 1;
        }
        try {
            double p = pValue(groups);
            return Double.isNaN(p) ? 1 : Math.max(0, Math.min(1, p));
        } catch (RuntimeException e) {
            // commons-math refuses too few values; such a column cannot be tested
            return 1;
        }
    }

    static boolean anyShorterThan(List<double[]> groups, int n) {
        return groups.stream().anyMatch(g -> g.length < n);
    }

    static double variance(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        return Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
    }
}
