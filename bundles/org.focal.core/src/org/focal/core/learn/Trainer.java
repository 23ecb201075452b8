package org.focal.core.learn;

import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.plugin.FocalPlugin;

/**
 * Trains a classifier on feature rows (e.g. XGBoost, logistic regression). DS service with
 * property {@code focal.classifier=<id>}; the {@link Predictor} with the same id applies what it
 * writes. Stateless and thread-safe.
 */
public interface Trainer extends FocalPlugin {

    /**
     * @param features one row per sample, {@code NaN} where a value is missing
     * @param labels class index per sample, 0..classes-1
     * @param classes number of classes (2 for binary)
     * @param parameters trainer-specific settings (e.g. "rounds", "eta", "seed"); unknown keys are an error
     * @return the trained model in this trainer's own serialized form, with its training metrics
     * @throws org.focal.core.BadInputException when the data cannot be trained on (e.g. one class only)
     */
    TrainedModel train(double[][] features, int[] labels, int classes, Map<String, String> parameters,
            ProgressMonitor monitor);

    /**
     * Checks settings before any data is prepared, so that a typo fails in a second rather than
     * after hours of feature extraction.
     *
     * @throws org.focal.core.BadInputException naming the unknown key or bad value
     */
    void checkParameters(Map<String, String> parameters);
}
