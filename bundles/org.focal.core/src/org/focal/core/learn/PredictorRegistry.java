package org.focal.core.learn;

import org.focal.core.plugin.PluginRegistry;

/** The installed predictors (the inference side of trainers). */
public interface PredictorRegistry extends PluginRegistry<Predictor> {
}
