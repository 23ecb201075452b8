package org.focal.pathology;

import org.focal.core.plugin.PluginRegistry;

/** The installed per-tile feature extractors. */
public interface TileFeatureRegistry extends PluginRegistry<TileFeatureExtractor> {
}
