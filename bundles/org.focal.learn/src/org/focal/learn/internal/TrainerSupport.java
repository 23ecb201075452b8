package org.focal.learn.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.TrainedModel;
import org.focal.learn.CrossValidation;
import org.focal.learn.Metrics;

/**
 * What the trainers written in Java (logistic regression, MLP) share: parameter parsing with
 * one-line errors, checks of the training data, standardisation and the cross-validated AUC.
 */
final class TrainerSupport {

    private TrainerSupport() {
    }

    static void rejectUnknown(String id, Map<String, String> parameters, List<String> known) {
        for (String key : parameters.keySet()) {
            if (!known.contains(key)) {
                throw new BadInputException(id + ": unknown parameter '" + key + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    static double number(String id, Map<String, String> parameters, String key, double dflt) {
        String v = parameters.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(id + ": parameter '" + key + "' must be a number, was '" + v + "'");
        }
    }

    static long integer(String id, Map<String, String> parameters, String key, long dflt) {
        String v = parameters.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(id + ": parameter '" + key + "' must be a whole number, was '" + v + "'");
        }
    }

    /** A whole-number parameter within [min, max]. */
    static int integerIn(String id, Map<String, String> parameters, String key, long dflt, long min, long max) {
        long v = integer(id, parameters, key, dflt);
        if (v < min || v > max) {
            throw new BadInputException(id + ": parameter '" + key + "' must be from " + min + " to " + max + ", was " + v);
        }
        return (int) v;
    }

    /** {@code cv_folds}: 0 (off) or 2..100. */
    static int cvFolds(String id, Map<String, String> parameters) {
        long folds = integer(id, parameters, "cv_folds", 5);
        if (folds != 0 && (folds < 2 || folds > 100)) {
            throw new BadInputException(id + ": parameter 'cv_folds' must be 0 (off) or from 2 to 100, was " + folds);
        }
        return (int) folds;
    }

    /** Checks rows, labels and classes; returns the number of columns. */
    static int checkData(String id, String what, double[][] features, int[] labels, int classes) {
        if (features.length != labels.length) {
            throw new BadInputException(id + ": " + features.length + " rows but " + labels.length + " labels");
        }
        if (classes < 2) {
            throw new BadInputException(id + ": " + what + " needs at least two classes, was told " + classes);
        }
        if (features.length == 0) {
            throw new BadInputException(id + ": no training rows");
        }
        int columns = features[0].length;
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != columns) {
                throw new BadInputException(id + ": row " + i + " has " + features[i].length + " values, expected " + columns);
            }
            for (double v : features[i]) {
                if (Double.isInfinite(v)) {
                    throw new BadInputException(id + ": row " + i + " holds an infinite value");
                }
                if (Math.abs(v) > StoredNumbers.MAX_FEATURE) {
                    // the stored model would be refused on reading (StoredNumbers)
                    throw new BadInputException(id + ": row " + i + " holds " + v + ", beyond ±1e15");
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new BadInputException(id + ": label " + labels[i] + " of row " + i + " is not a class 0.." + (classes - 1));
            }
            present.add(labels[i]);
        }
        if (present.size() < 2) {
            throw new BadInputException(id + ": " + what + " needs at least two classes in the training data, got only class "
                    + present.first());
        }
        return columns;
    }

    /** Column means and population standard deviations, NaN ignored; constant columns get scale 1. */
    record Scaling(double[] means, double[] stds) {

        static Scaling of(double[][] features, int columns) {
            double[] means = new double[columns];
            double[] stds = new double[columns];
            for (int j = 0; j < columns; j++) {
                double sum = 0;
                int count = 0;
                for (double[] row : features) {
                    if (!Double.isNaN(row[j])) {
                        sum += row[j];
                        count++;
                    }
                }
                double mean = count == 0 ? 0 : sum / count;
                double ss = 0;
                for (double[] row : features) {
                    if (!Double.isNaN(row[j])) {
                        ss += (row[j] - mean) * (row[j] - mean);
                    }
                }
                double std = count == 0 ? 0 : Math.sqrt(ss / count);
                means[j] = mean;
                // a constant column carries no information: scale 1 keeps it at 0 after centring
                stds[j] = std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1;
            }
            return new Scaling(means, stds);
        }

        /** The standardised row, a missing value as 0 (the training mean). */
        static double[] apply(double[] row, double[] means, double[] stds, String what) {
            if (row.length != means.length) {
                throw new BadInputException(what + " model expects " + means.length + " columns, got a row of " + row.length);
            }
            double[] z = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                z[j] = Double.isNaN(row[j]) ? 0 : (row[j] - means[j]) / stds[j];
            }
            return z;
        }

        double[][] apply(double[][] rows, String what) {
            double[][] z = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                z[i] = apply(rows[i], means, stds, what);
            }
            return z;
        }

        /** Sizes only: the values are checked by {@link StoredNumbers}, which names the bad one. */
        static boolean fits(double[] means, double[] stds, int columns) {
            return means != null && means.length == columns && stds != null && stds.length == columns;
        }
    }

    /** Number of stratified folds to use for a binary problem, 0 when there are too few of a class. */
    private static int usableFolds(int[] labels, int classes, int requested) {
        if (classes != 2 || requested <= 0) {
            return 0;
        }
        int[] counts = new int[2];
        for (int label : labels) {
            counts[label]++;
        }
        int folds = Math.min(requested, Math.min(counts[0], counts[1]));
        return folds < 2 ? 0 : folds;
    }

    /** A model fitted on some rows, with how the optimiser ended. */
    record Fitted(JavaModel model, int iterations, boolean converged) {
    }

    /** Parameter {@code tolerance}: strictly between 0 and 1. */
    static double tolerance(String id, Map<String, String> parameters, double dflt) {
        double tolerance = number(id, parameters, "tolerance", dflt);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new BadInputException(id + ": parameter 'tolerance' must be between 0 and 1, was '" + parameters.get("tolerance") + "'");
        }
        return tolerance;
    }

    /** A finite parameter >= 0 (a penalty weight). */
    static double nonNegative(String id, Map<String, String> parameters, String key, double dflt) {
        double v = number(id, parameters, key, dflt);
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new BadInputException(id + ": parameter '" + key + "' must be a number >= 0, was '" + parameters.get(key) + "'");
        }
        return v;
    }

    /**
     * Cross-validates (binary problems, stratified folds, mean AUC as {@code cv_auc}), then fits
     * all rows and reports {@code train_loss}, {@code train_accuracy}, {@code iterations} and
     * {@code converged}.
     */
    static TrainedModel train(String title, double[][] features, int[] labels, int classes, int requestedFolds, long seed,
            BiFunction<double[][], int[], Fitted> fit, ProgressMonitor monitor) {
        int folds = usableFolds(labels, classes, requestedFolds);
        monitor.begin(title, folds + 1L);
        try {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (folds > 0) {
                int[][] split = CrossValidation.stratifiedFolds(labels, folds, seed);
                double sum = 0;
                for (int f = 0; f < folds; f++) {
                    int[] train = CrossValidation.trainIndices(split, f);
                    Fitted model = fit.apply(CrossValidation.rows(features, train), CrossValidation.labels(labels, train));
                    double[] scores = new double[split[f].length];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = model.model().probabilities(features[split[f][i]])[1];
                    }
                    sum += Metrics.auc(scores, CrossValidation.labels(labels, split[f]));
                    monitor.worked(1);
                }
                metrics.put("cv_auc", sum / folds);
                metrics.put("cv_folds", (double) folds);
            }
            Fitted model = fit.apply(features, labels);
            double[][] p = new double[features.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = model.model().probabilities(features[i]);
            }
            metrics.put("train_loss", Metrics.logLoss(p, labels));
            metrics.put("train_accuracy", Metrics.accuracy(p, labels));
            metrics.put("iterations", (double) model.iterations());
            metrics.put("converged", model.converged() ? 1.0 : 0.0);
            monitor.worked(1);
            return new TrainedModel(model.model().toBytes(), metrics);
        } finally {
            monitor.done();
        }
    }
}
