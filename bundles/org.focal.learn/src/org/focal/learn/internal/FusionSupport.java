package org.focal.learn.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.learn.FittedFusion;

/** Checks and conversions shared by the fusions. */
final class FusionSupport {

    private FusionSupport() {
    }

    static List<String> checkNames(List<String> featureNames) {
        if (featureNames == null || featureNames.isEmpty()) {
            throw new BadInputException("fusion needs at least one feature name");
        }
        for (String n : featureNames) {
            if (n == null || n.isBlank()) {
                throw new BadInputException("feature names must not be blank");
            }
        }
        return List.copyOf(featureNames);
    }

    static void checkRows(double[][] tileRows, int width, String where) {
        if (tileRows == null) {
            throw new BadInputException(where + " has no tile rows");
        }
        for (int t = 0; t < tileRows.length; t++) {
            if (tileRows[t] == null || tileRows[t].length != width) {
                throw new BadInputException("tile row " + t + " of " + where + " has "
                        + (tileRows[t] == null ? 0 : tileRows[t].length) + " values, expected " + width);
            }
        }
    }

    static void checkTraining(List<double[][]> tileRowsPerSlide, int width) {
        if (tileRowsPerSlide == null || tileRowsPerSlide.isEmpty()) {
            throw new BadInputException("fusion needs at least one training slide");
        }
        for (int s = 0; s < tileRowsPerSlide.size(); s++) {
            checkRows(tileRowsPerSlide.get(s), width, "slide " + s);
        }
    }

    /**
     * Checks the training data and computes per feature what {@code perFeature} makes of its
     * finite training values (sorted, possibly empty).
     */
    static double[][] fitPerFeature(List<double[][]> tileRowsPerSlide, int width,
            java.util.function.Function<double[], double[]> perFeature) {
        checkTraining(tileRowsPerSlide, width);
        double[][] out = new double[width][];
        for (int j = 0; j < width; j++) {
            out[j] = perFeature.apply(sortedFiniteColumn(tileRowsPerSlide, j));
        }
        return out;
    }

    /** The finite training values of column {@code j} over all slides, sorted. */
    static double[] sortedFiniteColumn(List<double[][]> tileRowsPerSlide, int j) {
        int n = 0;
        for (double[][] slide : tileRowsPerSlide) {
            n += slide.length;
        }
        double[] values = new double[n];
        int k = 0;
        for (double[][] slide : tileRowsPerSlide) {
            for (double[] row : slide) {
                if (Double.isFinite(row[j])) {
                    values[k++] = row[j];
                }
            }
        }
        values = Arrays.copyOf(values, k);
        Arrays.sort(values);
        return values;
    }

    /** Linear-interpolation quantile (numpy's default) of sorted, non-empty values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    /** Number of elements of the ascending array that are {@code <= v}. */
    static int upperBound(double[] ascending, double v) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Parses an integer argument in [min, max]; null or blank gives the default. */
    static int intArgument(String fusion, String argument, int dflt, int min, int max, String what) {
        if (argument == null || argument.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(argument.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(fusion + ": " + what + " must be a whole number from " + min + " to " + max + ", was '"
                + argument.trim() + "'");
    }

    static void noArgument(String fusion, String argument) {
        if (argument != null && !argument.isBlank()) {
            throw new BadInputException(fusion + " takes no argument, got '" + argument.trim() + "'");
        }
    }

    /** A new state map with the fusion id and the feature names. */
    static Map<String, Object> state(String fusion, List<String> features) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(FittedFusion.STATE_FUSION, fusion);
        state.put(FittedFusion.STATE_FEATURES, List.copyOf(features));
        return state;
    }

    static List<Object> toList(double[][] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double[] v : values) {
            out.add(Arrays.stream(v).boxed().toList());
        }
        return out;
    }

    /** Reads a fusion state back; every problem becomes a BadInputException naming the fusion. */
    static final class StateReader {
        private final String fusion;
        private final Map<String, Object> state;

        StateReader(String fusion, Map<String, Object> state) {
            this.fusion = fusion;
            this.state = state;
            if (state == null || !fusion.equals(state.get(FittedFusion.STATE_FUSION))) {
                throw bad("it is a '" + (state == null ? null : state.get(FittedFusion.STATE_FUSION)) + "' state");
            }
        }

        BadInputException bad(String problem) {
            return new BadInputException("not a " + fusion + " fusion state: " + problem);
        }

        List<String> features() {
            Object o = state.get(FittedFusion.STATE_FEATURES);
            if (!(o instanceof List<?> list) || list.isEmpty()) {
                throw bad("no feature names");
            }
            List<String> out = new ArrayList<>();
            for (Object e : list) {
                if (!(e instanceof String s) || s.isBlank()) {
                    throw bad("feature names must be strings");
                }
                out.add(s);
            }
            return List.copyOf(out);
        }

        double number(String key) {
            if (!(state.get(key) instanceof Number n)) {
                throw bad("'" + key + "' is missing or not a number");
            }
            return n.doubleValue();
        }

        int integer(String key, int min, int max) {
            double v = number(key);
            if (v != Math.rint(v) || v < min || v > max) {
                throw bad("'" + key + "' must be a whole number from " + min + " to " + max);
            }
            return (int) v;
        }

        /** A list of {@code rows} ascending number lists, each {@code width} long. */
        double[][] matrix(String key, int rows, int width) {
            if (!(state.get(key) instanceof List<?> list) || list.size() != rows) {
                throw bad("'" + key + "' must be a list of " + rows + " lists");
            }
            double[][] out = new double[rows][width];
            for (int r = 0; r < rows; r++) {
                if (!(list.get(r) instanceof List<?> row) || row.size() != width) {
                    throw bad("'" + key + "' entry " + r + " must have " + width + " numbers");
                }
                for (int c = 0; c < width; c++) {
                    if (!(row.get(c) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                        throw bad("'" + key + "' entry " + r + " holds a non-number");
                    }
                    out[r][c] = n.doubleValue();
                    if (c > 0 && out[r][c] < out[r][c - 1]) {
                        throw bad("'" + key + "' entry " + r + " is not ascending");
                    }
                }
            }
            return out;
        }
    }
}
