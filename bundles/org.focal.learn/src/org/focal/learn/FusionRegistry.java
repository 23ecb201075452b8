package org.focal.learn;

import org.focal.core.plugin.PluginRegistry;

/** The installed slide fusions. */
public interface FusionRegistry extends PluginRegistry<SlideFusion> {
}
