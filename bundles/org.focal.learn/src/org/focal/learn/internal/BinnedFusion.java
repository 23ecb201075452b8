package org.focal.learn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.focal.learn.FittedFusion;

/**
 * A fitted fusion that puts each feature's tile values into bins separated by fixed, ascending
 * boundaries (a value v falls in bin {@code #boundaries <= v}, so the outer bins are open-ended)
 * and returns the fraction of the slide's non-NaN tiles per bin, concatenated over features.
 */
final class BinnedFusion implements FittedFusion {

    private final String fusionId;
    private final List<String> features;
    private final int bins;
    private final double[][] boundaries;
    private final List<String> outputNames;
    private final Map<String, Object> state;

    /**
     * @param boundaries per feature, {@code bins - 1} ascending boundaries
     * @param tag output name tag: {@code feature@<tag><bin>/<bins>}, bins counted from 1
     * @param state the complete state (copied)
     */
    BinnedFusion(String fusionId, List<String> features, int bins, double[][] boundaries, String tag,
            Map<String, Object> state) {
        this.fusionId = fusionId;
        this.features = List.copyOf(features);
        this.bins = bins;
        this.boundaries = new double[boundaries.length][];
        for (int j = 0; j < boundaries.length; j++) {
            this.boundaries[j] = boundaries[j].clone();
        }
        List<String> names = new ArrayList<>(features.size() * bins);
        for (String f : features) {
            for (int b = 1; b <= bins; b++) {
                names.add(f + "@" + tag + b + "/" + bins);
            }
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
        double[] out = new double[features.size() * bins];
        int[] counts = new int[bins];
        for (int j = 0; j < features.size(); j++) {
            java.util.Arrays.fill(counts, 0);
            int total = 0;
            for (double[] row : tileRows) {
                double v = row[j];
                if (!Double.isNaN(v)) {
                    counts[FusionSupport.upperBound(boundaries[j], v)]++;
                    total++;
                }
            }
            for (int b = 0; b < bins; b++) {
                out[j * bins + b] = total == 0 ? Double.NaN : (double) counts[b] / total;
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> state() {
        return state;
    }
}
