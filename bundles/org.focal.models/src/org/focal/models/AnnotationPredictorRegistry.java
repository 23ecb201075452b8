package org.focal.models;

import org.focal.core.plugin.PluginRegistry;

/** The installed annotation model predictors. */
public interface AnnotationPredictorRegistry extends PluginRegistry<AnnotationPredictor> {
}
