package org.focal.scenarios.internal;

import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = ScenarioRegistry.class)
public final class ScenarioRegistryImpl extends TrackedPluginRegistry<Scenario> implements ScenarioRegistry {

    public ScenarioRegistryImpl() {
        super(Scenario.class, "scenario");
    }
}
