package org.focal.core.scenario;

import org.focal.core.plugin.PluginRegistry;

/** The installed disease scenarios. */
public interface ScenarioRegistry extends PluginRegistry<Scenario> {
}
