package org.focal.core.learn;

import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.plugin.FocalPlugin;

/** Trains a classifier on feature rows (e.g. XGBoost, logistic regression). */
public interface Trainer extends FocalPlugin {

    /**
     * @param features one row per sample
     * @param labels class index per sample, 0..k-1
     * @param parameters trainer-specific settings (e.g. "rounds", "eta")
     * @return the trained model in this trainer's own serialized form
     */
    byte[] train(double[][] features, int[] labels, Map<String, String> parameters, ProgressMonitor monitor);
}
