package org.focal.learn.xgboost.internal;

import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.osgi.service.component.annotations.Component;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Applies models written by {@link XGBoostTrainer}: class probabilities and total gain per column. */
@Component(service = Predictor.class, property = "focal.classifier=" + XGBoostTrainer.ID)
public final class XGBoostPredictor implements Predictor {

    @Override
    public String id() {
        return XGBoostTrainer.ID;
    }

    @Override
    public String displayName() {
        return "XGBoost";
    }

    @Override
    public double[][] predict(byte[] model, double[][] features) {
        Booster booster = Xgb.load(model);
        DMatrix m = null;
        try {
            long expected = booster.getNumFeature();
            if (features == null || features.length == 0) {
                return new double[0][];
            }
            int cols = Xgb.columns(features);
            if (cols != expected) {
                throw new BadInputException("the XGBoost model was trained on " + expected + " columns, rows have " + cols);
            }
            m = Xgb.matrix(Xgb.flatten(features, null, cols), features.length, cols, null);
            float[][] p = booster.predict(m);
            double[][] out = new double[p.length][];
            for (int i = 0; i < p.length; i++) {
                if (p[i].length == 1) {
                    out[i] = new double[] {1 - (double) p[i][0], p[i][0]};
                } else {
                    out[i] = new double[p[i].length];
                    for (int c = 0; c < p[i].length; c++) {
                        out[i][c] = p[i][c];
                    }
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new BadInputException("XGBoost cannot apply the model: " + Xgb.oneLine(e));
        } finally {
            Xgb.dispose(m);
            Xgb.dispose(booster);
        }
    }

    /**
     * The bytes' own checks ({@link ModelBytes}: structure, tree consistency, finite values), the
     * input width, then one probe row of zeros for the number of classes and valid probabilities.
     */
    @Override
    public void check(byte[] model, int columns, int classes) {
        Booster booster = Xgb.load(model);
        try {
            long expected = booster.getNumFeature();
            if (expected != columns) {
                throw new BadInputException("XGBoost model takes " + expected + " columns, expected " + columns);
            }
        } catch (XGBoostError e) {
            throw new BadInputException("XGBoost cannot read the model: " + Xgb.oneLine(e));
        } finally {
            Xgb.dispose(booster);
        }
        Predictor.super.check(model, columns, classes);
    }

    @Override
    public double[] importance(byte[] model, int columns) {
        if (columns < 0) {
            throw new IllegalArgumentException("columns must be >= 0, was " + columns);
        }
        Booster booster = Xgb.load(model);
        try {
            double[] gain = new double[columns];
            // without feature names the model names column i "f<i>"
            Map<String, Double> score = booster.getScore((String) null, "total_gain");
            for (Map.Entry<String, Double> e : score.entrySet()) {
                String name = e.getKey();
                if (name.length() > 1 && name.charAt(0) == 'f') {
                    try {
                        int c = Integer.parseInt(name.substring(1));
                        if (c >= 0 && c < columns && e.getValue() != null && e.getValue() > 0) {
                            gain[c] = e.getValue();
                        }
                    } catch (NumberFormatException ignored) {
                        // a feature name we did not write; no column to give it to
                    }
                }
            }
            return gain;
        } catch (XGBoostError e) {
            throw new BadInputException("XGBoost cannot read the model's importance: " + Xgb.oneLine(e));
        } finally {
            Xgb.dispose(booster);
        }
    }
}
