package org.focal.learn.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.learn.CrossValidation;
import org.focal.learn.Metrics;
import org.osgi.service.component.annotations.Component;

/**
 * {@code logistic}: L2-regularised logistic regression (binary, or multinomial softmax for more
 * classes) on standardised columns, missing values imputed by the training mean, fitted with
 * L-BFGS. Parameters: {@code l2} (default 1.0; scikit-learn's {@code C} is {@code 1/l2}),
 * {@code max_iterations} (1000), {@code tolerance} (1e-10, on the largest gradient component of the
 * mean loss), {@code cv_folds} (5; 0 = no cross-validation), {@code seed} (42, for the folds).
 * Metrics: {@code train_loss} (mean log loss on the training rows), {@code train_accuracy},
 * {@code iterations}, {@code converged} (1 or 0) and, for two classes, {@code cv_auc} (mean AUC
 * over stratified folds) and {@code cv_folds}.
 */
@Component(service = Trainer.class, property = "focal.classifier=" + LogisticTrainer.ID)
public final class LogisticTrainer implements Trainer {

    public static final String ID = "logistic";
    static final List<String> PARAMETERS = List.of("l2", "max_iterations", "tolerance", "cv_folds", "seed");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Logistic regression (L2, standardised features)";
    }

    record Settings(double l2, int maxIterations, double tolerance, int cvFolds, long seed) {
    }

    static Settings settings(Map<String, String> parameters) {
        for (String key : parameters.keySet()) {
            if (!PARAMETERS.contains(key)) {
                throw new BadInputException(ID + ": unknown parameter '" + key + "' (known: " + String.join(", ", PARAMETERS) + ")");
            }
        }
        double l2 = number(parameters, "l2", 1.0);
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new BadInputException(ID + ": parameter 'l2' must be a number >= 0, was '" + parameters.get("l2") + "'");
        }
        double tolerance = number(parameters, "tolerance", 1e-10);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new BadInputException(ID + ": parameter 'tolerance' must be between 0 and 1, was '" + parameters.get("tolerance") + "'");
        }
        long maxIterations = integer(parameters, "max_iterations", 1000);
        if (maxIterations < 1 || maxIterations > 1_000_000) {
            throw new BadInputException(ID + ": parameter 'max_iterations' must be from 1 to 1000000, was " + maxIterations);
        }
        long folds = integer(parameters, "cv_folds", 5);
        if (folds != 0 && (folds < 2 || folds > 100)) {
            throw new BadInputException(ID + ": parameter 'cv_folds' must be 0 (off) or from 2 to 100, was " + folds);
        }
        return new Settings(l2, (int) maxIterations, tolerance, (int) folds, integer(parameters, "seed", 42));
    }

    private static double number(Map<String, String> parameters, String key, double dflt) {
        String v = parameters.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(ID + ": parameter '" + key + "' must be a number, was '" + v + "'");
        }
    }

    private static long integer(Map<String, String> parameters, String key, long dflt) {
        String v = parameters.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(ID + ": parameter '" + key + "' must be a whole number, was '" + v + "'");
        }
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        settings(parameters);
    }

    @Override
    public TrainedModel train(double[][] features, int[] labels, int classes, Map<String, String> parameters,
            ProgressMonitor monitor) {
        Settings s = settings(parameters == null ? Map.of() : parameters);
        int columns = check(features, labels, classes);
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int folds = 0;
        if (classes == 2 && s.cvFolds() > 0) {
            folds = Math.min(s.cvFolds(), Math.min(counts[0], counts[1]));
            if (folds < 2) {
                folds = 0;
            }
        }
        monitor.begin("Training logistic regression", folds + 1L);
        try {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (folds > 0) {
                int[][] split = CrossValidation.stratifiedFolds(labels, folds, s.seed());
                double sum = 0;
                for (int f = 0; f < folds; f++) {
                    int[] train = CrossValidation.trainIndices(split, f);
                    LogisticModel m = fit(CrossValidation.rows(features, train), CrossValidation.labels(labels, train), classes,
                            columns, s, monitor).model();
                    double[] scores = new double[split[f].length];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = m.probabilities(features[split[f][i]])[1];
                    }
                    sum += Metrics.auc(scores, CrossValidation.labels(labels, split[f]));
                    monitor.worked(1);
                }
                metrics.put("cv_auc", sum / folds);
                metrics.put("cv_folds", (double) folds);
            }
            Trained t = fit(features, labels, classes, columns, s, monitor);
            double[][] p = new double[features.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = t.model().probabilities(features[i]);
            }
            metrics.put("train_loss", Metrics.logLoss(p, labels));
            metrics.put("train_accuracy", Metrics.accuracy(p, labels));
            metrics.put("iterations", (double) t.iterations());
            metrics.put("converged", t.converged() ? 1.0 : 0.0);
            monitor.worked(1);
            return new TrainedModel(t.model().toBytes(), metrics);
        } finally {
            monitor.done();
        }
    }

    /** Checks the data and returns the number of columns. */
    private static int check(double[][] features, int[] labels, int classes) {
        if (features.length != labels.length) {
            throw new BadInputException(ID + ": " + features.length + " rows but " + labels.length + " labels");
        }
        if (classes < 2) {
            throw new BadInputException(ID + ": logistic regression needs at least two classes, was told " + classes);
        }
        if (features.length == 0) {
            throw new BadInputException(ID + ": no training rows");
        }
        int columns = features[0].length;
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != columns) {
                throw new BadInputException(ID + ": row " + i + " has " + features[i].length + " values, expected " + columns);
            }
            for (double v : features[i]) {
                if (Double.isInfinite(v)) {
                    throw new BadInputException(ID + ": row " + i + " holds an infinite value");
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new BadInputException(ID + ": label " + labels[i] + " of row " + i + " is not a class 0.." + (classes - 1));
            }
            present.add(labels[i]);
        }
        if (present.size() < 2) {
            throw new BadInputException(ID + ": logistic regression needs at least two classes in the training data, got only class "
                    + present.first());
        }
        return columns;
    }

    record Trained(LogisticModel model, int iterations, boolean converged) {
    }

    /** Standardises (NaN ignored, then imputed by the mean), fits, and packs the model. */
    static Trained fit(double[][] features, int[] labels, int classes, int columns, Settings s, ProgressMonitor monitor) {
        int n = features.length;
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
        LogisticModel scaler = new LogisticModel(LogisticModel.FORMAT, LogisticModel.VERSION, classes, columns, s.l2(), means,
                stds, new double[0], new double[0][]);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = scaler.standardize(features[i]);
        }
        LogisticRegression.Fit fit = LogisticRegression.fit(z, labels, classes, s.l2(), s.tolerance(), s.maxIterations(), monitor);
        LogisticModel model = new LogisticModel(LogisticModel.FORMAT, LogisticModel.VERSION, classes, columns, s.l2(), means, stds,
                fit.intercepts(), fit.coefficients());
        return new Trained(model, fit.iterations(), fit.converged());
    }
}
