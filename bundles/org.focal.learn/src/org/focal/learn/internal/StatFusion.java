package org.focal.learn.internal;

import java.util.List;
import java.util.Map;

/**
 * A fitted fusion giving one statistic per feature over the slide's non-NaN tile values (mean,
 * maximum or p-norm); {@code NaN} when a feature has no value on the slide.
 */
final class StatFusion extends AbstractFittedFusion {

    enum Kind {
        MEAN, MAX, PNORM
    }

    private final Kind kind;
    private final double p;

    StatFusion(String fusionId, Kind kind, double p, List<String> features, String tag, Map<String, Object> state) {
        super(fusionId, features, features.stream().map(f -> f + "@" + tag).toList(), state);
        this.kind = kind;
        this.p = p;
    }

    @Override
    public double[] fuse(double[][] tileRows) {
        FusionSupport.checkRows(tileRows, featureNames().size(), "the slide");
        double[] out = new double[featureNames().size()];
        for (int j = 0; j < out.length; j++) {
            int n = 0;
            double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (double[] row : tileRows) {
                double v = row[j];
                if (Double.isNaN(v)) {
                    continue;
                }
                n++;
                switch (kind) {
                    case MEAN -> acc += v;
                    case MAX -> acc = Math.max(acc, v);
                    case PNORM -> acc += Math.pow(Math.abs(v), p);
                }
            }
            if (n == 0) {
                out[j] = Double.NaN;
            } else {
                out[j] = switch (kind) {
                    case MEAN -> acc / n;
                    case MAX -> acc;
                    case PNORM -> Math.pow(acc / n, 1 / p);
                };
            }
        }
        return out;
    }
}
