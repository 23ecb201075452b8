package org.focal.learn.xgboost.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.learn.CrossValidation;
import org.osgi.service.component.annotations.Component;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (xgboost4j, {@code hist}). Two classes: {@code binary:logistic} scored by
 * AUC; more: {@code multi:softprob} scored by multi-class log loss. Stratified k-fold cross-validation,
 * trained round by round, picks the number of trees (early stopping on the mean test metric); the
 * final model is then trained on all rows with that many trees. Progress is reported and
 * cancellation checked once per boosting round.
 *
 * <p>Metrics: {@code rounds} (trees per class in the model), {@code cv_folds} (0 when cross-validation
 * was off or the data too small for two folds), and when it ran {@code cv_auc} + {@code cv_auc_std}
 * (binary) or {@code cv_mlogloss} + {@code cv_mlogloss_std}, at the best round.
 */
@Component(service = Trainer.class, property = "focal.classifier=" + XGBoostTrainer.ID)
public final class XGBoostTrainer implements Trainer {

    public static final String ID = "xgboost";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "XGBoost";
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        XGBoostParameters.parse(parameters);
    }

    @Override
    public TrainedModel train(double[][] features, int[] labels, int classes, Map<String, String> parameters,
            ProgressMonitor monitor) {
        XGBoostParameters p = XGBoostParameters.parse(parameters);
        ProgressMonitor mon = monitor == null ? ProgressMonitor.NULL : monitor;
        int cols = Xgb.columns(features);
        if (labels == null || labels.length != features.length) {
            throw new BadInputException("XGBoost needs one label per feature row: " + features.length + " rows, "
                    + (labels == null ? 0 : labels.length) + " labels");
        }
        if (classes < 2) {
            throw new BadInputException("XGBoost needs at least two classes, was asked for " + classes);
        }
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new BadInputException("label " + labels[i] + " of row " + i + " is not a class 0.." + (classes - 1));
            }
            counts[labels[i]]++;
        }
        int present = 0;
        int minCount = Integer.MAX_VALUE;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                present++;
                minCount = Math.min(minCount, counts[c]);
            }
        }
        if (present < 2) {
            throw new BadInputException("XGBoost needs at least two classes in the labels; all " + labels.length
                    + " rows are class " + labels[0]);
        }
        // stratified folds need every present class in every fold
        int folds = p.cv() ? Math.min(p.nfold(), minCount) : 0;
        if (folds < 2) {
            folds = 0;
        }
        Map<String, Object> booster = p.booster(classes);
        float[] y = new float[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        mon.begin("Training XGBoost", (folds > 0 ? p.rounds() : 0) + (long) p.rounds());
        try {
            Map<String, Double> metrics = new LinkedHashMap<>();
            int trees = p.rounds();
            if (folds > 0) {
                CvResult cv = crossValidate(features, cols, labels, y, classes, folds, p, booster, mon);
                trees = cv.bestRounds();
                if (!Double.isNaN(cv.mean())) {
                    String name = classes == 2 ? "cv_auc" : "cv_mlogloss";
                    metrics.put(name, cv.mean());
                    metrics.put(name + "_std", cv.std());
                }
                mon.worked(p.rounds() - cv.roundsRun());
            }
            metrics.put("cv_folds", (double) folds);
            byte[] model = trainFinal(features, cols, y, trees, booster, mon);
            mon.worked(p.rounds() - trees);
            metrics.put("rounds", (double) trees);
            return new TrainedModel(model, metrics);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + Xgb.oneLine(e), e);
        } catch (LinkageError e) {
            throw Xgb.nativeFailure(e);
        } finally {
            mon.done();
        }
    }

    /** The mean (and standard deviation over folds) of the test metric at the best round. */
    record CvResult(int bestRounds, double mean, double std, int roundsRun) {
    }

    private static CvResult crossValidate(double[][] features, int cols, int[] labels, float[] y, int classes, int k,
            XGBoostParameters p, Map<String, Object> params, ProgressMonitor mon) throws XGBoostError {
        int[][] split = CrossValidation.stratifiedFolds(labels, k, p.seed());
        boolean maximize = classes == 2;
        DMatrix[] train = new DMatrix[k];
        DMatrix[] test = new DMatrix[k];
        Booster[] boosters = new Booster[k];
        try {
            for (int f = 0; f < k; f++) {
                train[f] = subset(features, cols, y, CrossValidation.trainIndices(split, f));
                test[f] = subset(features, cols, y, split[f]);
                boosters[f] = XGBoost.train(train[f], params, 0, Map.of(), null, null);
            }
            int best = -1;
            double bestMean = Double.NaN;
            double bestStd = Double.NaN;
            int round = 0;
            double[] values = new double[k];
            for (; round < p.rounds(); round++) {
                mon.checkCanceled();
                for (int f = 0; f < k; f++) {
                    boosters[f].update(train[f], round);
                    values[f] = parseMetric(boosters[f].evalSet(new DMatrix[] {test[f]}, new String[] {"test"}, round));
                }
                double mean = 0;
                for (double v : values) {
                    mean += v;
                }
                mean /= k;
                double var = 0;
                for (double v : values) {
                    var += (v - mean) * (v - mean);
                }
                double std = Math.sqrt(var / k);
                if (!Double.isNaN(mean) && (best < 0 || (maximize ? mean > bestMean : mean < bestMean))) {
                    best = round;
                    bestMean = mean;
                    bestStd = std;
                }
                mon.worked(1);
                if (best >= 0 && round - best >= p.earlyStopping()) {
                    round++;
                    break;
                }
            }
            return new CvResult(best < 0 ? p.rounds() : best + 1, bestMean, bestStd, Math.min(round, p.rounds()));
        } finally {
            for (int f = 0; f < k; f++) {
                Xgb.dispose(boosters[f]);
                Xgb.dispose(train[f]);
                Xgb.dispose(test[f]);
            }
        }
    }

    private static byte[] trainFinal(double[][] features, int cols, float[] y, int trees, Map<String, Object> params,
            ProgressMonitor mon) throws XGBoostError {
        DMatrix all = null;
        Booster b = null;
        try {
            all = Xgb.matrix(Xgb.flatten(features, null, cols), features.length, cols, y);
            b = XGBoost.train(all, params, 0, Map.of(), null, null);
            for (int round = 0; round < trees; round++) {
                mon.checkCanceled();
                b.update(all, round);
                mon.worked(1);
            }
            return b.toByteArray(Xgb.FORMAT);
        } finally {
            Xgb.dispose(b);
            Xgb.dispose(all);
        }
    }

    private static DMatrix subset(double[][] features, int cols, float[] y, int[] idx) throws XGBoostError {
        float[] labels = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = y[idx[i]];
        }
        return Xgb.matrix(Xgb.flatten(features, idx, cols), idx.length, cols, labels);
    }

    /** The value of "[12]\ttest-auc:0.9731" (the last "name:value" of an evalSet line). */
    static double parseMetric(String evalLine) {
        int colon = evalLine.lastIndexOf(':');
        if (colon < 0) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(evalLine.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
