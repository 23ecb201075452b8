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
}
