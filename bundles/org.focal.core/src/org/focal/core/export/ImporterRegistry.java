package org.focal.core.export;

import org.focal.core.plugin.PluginRegistry;

/** The installed annotation importers (one per format). */
public interface ImporterRegistry extends PluginRegistry<Importer> {
}
