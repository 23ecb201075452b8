package org.focal.learn.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A fitted fusion that puts each feature's tile values into bins separated by fixed, ascending
 * boundaries (a value v falls in bin {@code #boundaries <= v}, so the outer bins are open-ended)
 * and returns the fraction of the slide's non-NaN tiles per bin, concatenated over features.
 */
final class BinnedFusion extends AbstractFittedFusion {

    private final int bins;
    private final double[][] boundaries;

    /**
     * @param boundaries per feature, {@code bins - 1} ascending boundaries
     * @param tag output name tag: {@code feature@<tag><bin>/<bins>}, bins counted from 1
     * @param state the complete state (copied)
     */
    BinnedFusion(String fusionId, List<String> features, int bins, double[][] boundaries, String tag,
            Map<String, Object> state) {
        super(fusionId, features, names(features, bins, tag), state);
        this.bins = bins;
        this.boundaries = new double[boundaries.length][];
        for (int j = 0; j < boundaries.length; j++) {
            this.boundaries[j] = boundaries[j].clone();
        }
    }

    private static List<String> names(List<String> features, int bins, String tag) {
        List<String> names = new ArrayList<>(features.size() * bins);
        for (String f : features) {
            for (int b = 1; b <= bins; b++) {
                names.add(f + "@" + tag + b + "/" + bins);
            }
        }
        return names;
    }

    @Override
    public double[] fuse(double[][] tileRows) {
        int width = featureNames().size();
        FusionSupport.checkRows(tileRows, width, "the slide");
        double[] out = new double[width * bins];
        int[] counts = new int[bins];
        for (int j = 0; j < width; j++) {
            Arrays.fill(counts, 0);
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
}
