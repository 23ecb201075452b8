package org.focal.pathology.model;

import java.util.Locale;
import java.util.Map;

import org.focal.core.BadInputException;

/**
 * Choices for {@link ModelTraining}: fusion ({@code histogram:5}), selection ({@code ks:0.05}),
 * classifier id and parameters, cross-validation folds and seed, and which label is positive.
 */
public record TrainingOptions(String fusion, String selection, String classifier, Map<String, String> classifierParameters,
        int folds, long seed, String positive) {

    public TrainingOptions {
        if (folds < 2) {
            throw new BadInputException("--folds must be at least 2");
        }
        classifierParameters = Map.copyOf(classifierParameters);
        selectionThreshold(selection);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions("histogram:5", "ks:0.05", "xgboost", Map.of(), 5, 42, null);
    }

    public String fusionId() {
        return before(fusion);
    }

    public String fusionArgument() {
        return after(fusion);
    }

    public String selectionId() {
        return before(selection);
    }

    public double selectionThreshold() {
        return selectionThreshold(selection);
    }

    private static double selectionThreshold(String spec) {
        String arg = after(spec);
        if (arg == null || arg.isEmpty()) {
            return 0.05;
        }
        try {
            double p = Double.parseDouble(arg);
            if (p > 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(String.format(Locale.ROOT, "--select %s: the threshold after ':' must be a p-value in (0, 1]", spec));
    }

    private static String before(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    private static String after(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? null : spec.substring(colon + 1);
    }
}
