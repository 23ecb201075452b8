package org.focal.pathology.slide;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;

/**
 * The installed feature extractors in a fixed order (tile, nucleus, spatial, then other groups by
 * id) so that column order, and therefore trained models, do not depend on service start order.
 */
public final class TileFeatures {

    private static final Map<String, Integer> GROUP_ORDER = Map.of("tile", 0, "nucleus", 1, "spatial", 2);

    private final List<TileFeatureExtractor> extractors;
    private final List<String> names;
    private final List<String> groups;

    public TileFeatures(Collection<TileFeatureExtractor> installed) {
        extractors = installed.stream()
                .sorted(Comparator.comparing((TileFeatureExtractor e) -> GROUP_ORDER.getOrDefault(e.group(), 9))
                        .thenComparing(TileFeatureExtractor::id))
                .toList();
        List<String> n = new ArrayList<>();
        List<String> g = new ArrayList<>();
        for (TileFeatureExtractor e : extractors) {
            for (String name : e.featureNames()) {
                n.add(name);
                g.add(e.group());
            }
        }
        names = List.copyOf(n);
        groups = List.copyOf(g);
    }

    /** Column names, in row order. */
    public List<String> names() {
        return names;
    }

    /** Group of each column. */
    public List<String> groups() {
        return groups;
    }

    public List<TileFeatureExtractor> extractors() {
        return extractors;
    }

    /** One row: every extractor's values, concatenated. */
    public double[] extract(TileAnalysis tile) {
        double[] row = new double[names.size()];
        int at = 0;
        for (TileFeatureExtractor e : extractors) {
            double[] values = e.extract(tile);
            int expected = e.featureNames().size();
            if (values.length != expected) {
                throw new IllegalStateException("feature extractor " + e.id() + " returned " + values.length
                        + " values for " + expected + " names");
            }
            System.arraycopy(values, 0, row, at, expected);
            at += expected;
        }
        return row;
    }
}
