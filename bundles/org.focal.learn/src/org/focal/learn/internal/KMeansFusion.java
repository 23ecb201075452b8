package org.focal.learn.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.focal.learn.FittedFusion;
import org.focal.learn.SlideFusion;
import org.osgi.service.component.annotations.Component;

/**
 * {@code kmeans[:k]} (default 3): per feature, 1-D k-means (Lloyd's algorithm, started at the
 * quantiles (i + 0.5) / k) on all training tiles' finite values; fused value: the fraction of the
 * slide's non-NaN tiles nearest to each centre (centres ascending). State:
 * {@code {"fusion":"kmeans","features":[...],"k":K,"centers":[[K ascending centres] per feature]}}.
 */
@Component(service = SlideFusion.class, property = "focal.fusion=" + KMeansFusion.ID)
public final class KMeansFusion extends NamedPlugin implements SlideFusion {

    public static final String ID = "kmeans";
    static final int DEFAULT_K = 3;
    private static final int MAX_ITERATIONS = 300;

    public KMeansFusion() {
        super(ID, "Fraction of tiles per 1-D k-means cluster");
    }

    @Override
    public FittedFusion fit(List<double[][]> tileRowsPerSlide, List<String> featureNames, String argument) {
        int k = FusionSupport.intArgument(ID, argument, DEFAULT_K, 2, 100, "the number of clusters");
        List<String> features = FusionSupport.checkNames(featureNames);
        double[][] centers = FusionSupport.fitPerFeature(tileRowsPerSlide, features.size(), values -> kmeans1d(values, k));
        return create(features, k, centers);
    }

    @Override
    public FittedFusion restore(Map<String, Object> state) {
        FusionSupport.StateReader r = new FusionSupport.StateReader(ID, state);
        List<String> features = r.features();
        int k = r.integer("k", 2, 100);
        return create(features, k, r.matrix("centers", features.size(), k));
    }

    /** Ascending centres of 1-D k-means on sorted values (all 0 when there are none). */
    static double[] kmeans1d(double[] sorted, int k) {
        double[] c = new double[k];
        if (sorted.length == 0) {
            return c;
        }
        double[] prefix = new double[sorted.length + 1];
        for (int i = 0; i < sorted.length; i++) {
            prefix[i + 1] = prefix[i] + sorted[i];
        }
        for (int i = 0; i < k; i++) {
            c[i] = FusionSupport.quantile(sorted, (i + 0.5) / k);
        }
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] b = boundaries(c);
            double[] next = c.clone();
            int start = 0;
            for (int i = 0; i < k; i++) {
                // members: boundary[i-1] <= v < boundary[i], the rule BinnedFusion applies
                int end = i == k - 1 ? sorted.length : lowerBound(sorted, b[i]);
                if (end > start) {
                    next[i] = (prefix[end] - prefix[start]) / (end - start);
                }
                start = Math.max(start, end);
            }
            Arrays.sort(next);
            if (Arrays.equals(next, c)) {
                break;
            }
            c = next;
        }
        return c;
    }

    /** The k - 1 midpoints between ascending centres. */
    static double[] boundaries(double[] centers) {
        double[] b = new double[centers.length - 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = centers[i] + (centers[i + 1] - centers[i]) / 2;
        }
        return b;
    }

    /** Number of elements of the ascending array that are {@code < v}. */
    private static int lowerBound(double[] ascending, double v) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static FittedFusion create(List<String> features, int k, double[][] centers) {
        Map<String, Object> state = FusionSupport.state(ID, features);
        state.put("k", k);
        state.put("centers", FusionSupport.toList(centers));
        double[][] bounds = new double[centers.length][];
        for (int j = 0; j < centers.length; j++) {
            bounds[j] = boundaries(centers[j]);
        }
        return new BinnedFusion(ID, features, k, bounds, "km", state);
    }
}
