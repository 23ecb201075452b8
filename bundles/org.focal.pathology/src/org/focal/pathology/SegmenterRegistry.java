package org.focal.pathology;

import org.focal.core.plugin.PluginRegistry;

/** The installed nucleus segmenters. */
public interface SegmenterRegistry extends PluginRegistry<NucleusSegmenter> {
}
