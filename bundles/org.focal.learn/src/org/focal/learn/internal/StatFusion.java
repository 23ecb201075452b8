package org.focal.learn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.focal.learn.FittedFusion;

/**
 * A fitted fusion giving one statistic per feature over the slide's non-NaN tile values (mean,
 * maximum or p-norm); {@code NaN} when a feature has no value on the slide.
 */
final class StatFusion implements FittedFusion {

    enum Kind {
        MEAN, MAX, PNORM
    }

    private final String fusionId;
    private final Kind kind;
    private final double p;
    private final List<String> features;
    private final List<String> outputNames;
    private final Map<String, Object> state;

    StatFusion(String fusionId, Kind kind, double p, List<String> features, String tag, Map<String, Object> state) {
        this.fusionId = fusionId;
        this.kind = kind;
        this.p = p;
        this.features = List.copyOf(features);
        List<String> names = new ArrayList<>();
        for (String f : features) {
            names.add(f + "@" + tag);
        }
        this.outputNames = List.copyOf(names);
        this.state = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(state));
    }

    @Override
    public String fusionId() {
        return fusionId;
    }

    @Override
    public List<String> featureNames() {
        return features;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public double[] fuse(double[][] tileRows) {
        FusionSupport.checkRows(tileRows, features.size(), "the slide");
        double[] out = new double[features.size()];
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

    @Override
    public Map<String, Object> state() {
        return state;
    }
}
