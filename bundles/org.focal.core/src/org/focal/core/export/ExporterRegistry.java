package org.focal.core.export;

import org.focal.core.plugin.PluginRegistry;

/** The installed annotation exporters (one per format). */
public interface ExporterRegistry extends PluginRegistry<Exporter> {
}
