package org.focal.core.learn;

import org.focal.core.plugin.PluginRegistry;

/** The installed image feature extractors. */
public interface FeatureExtractorRegistry extends PluginRegistry<FeatureExtractor> {
}
