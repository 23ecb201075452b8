package org.focal.learn;

import org.focal.core.plugin.PluginRegistry;

/** The installed feature selectors. */
public interface SelectorRegistry extends PluginRegistry<FeatureSelector> {
}
