package org.focal.core.learn;

import org.focal.core.plugin.FocalPlugin;

/**
 * Applies models written by the {@link Trainer} of the same id. DS service with property
 * {@code focal.classifier=<id>}. Stateless and thread-safe.
 */
public interface Predictor extends FocalPlugin {

    /**
     * Class probabilities per row, {@code [rows][classes]}.
     *
     * @throws org.focal.core.BadInputException when {@code model} is not a model of this predictor
     */
    double[][] predict(byte[] model, double[][] features);

    /**
     * How much each input column contributes to the model (e.g. XGBoost total gain, |weight| for a
     * linear model), one non-negative value per column, {@code columns} long; unused columns are 0.
     */
    double[] importance(byte[] model, int columns);

    /**
     * Checks model bytes completely before any data is analysed: they load, every stored number is
     * finite and within a sane range, and the model takes {@code columns} inputs and gives
     * {@code classes} probabilities. Predictors should check their own state; this default only
     * probes the model with one row of zeros, for predictors that do not.
     *
     * @throws org.focal.core.BadInputException naming the first problem, in one line
     */
    default void check(byte[] model, int columns, int classes) {
        double[][] p = predict(model, new double[][] {new double[columns]});
        if (p.length != 1 || p[0].length != classes) {
            throw new org.focal.core.BadInputException(displayName() + " model gives " + (p.length == 1 ? p[0].length : 0)
                    + " class probabilities, expected " + classes);
        }
        for (double v : p[0]) {
            if (!(v >= 0 && v <= 1)) {
                throw new org.focal.core.BadInputException(displayName() + " model gives probability " + v);
            }
        }
        for (double v : importance(model, columns)) {
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new org.focal.core.BadInputException(displayName() + " model gives importance " + v);
            }
        }
    }
}
