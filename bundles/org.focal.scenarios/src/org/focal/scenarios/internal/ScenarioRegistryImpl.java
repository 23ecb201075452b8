package org.focal.scenarios.internal;

import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = ScenarioRegistry.class)
public final class ScenarioRegistryImpl extends TrackedPluginRegistry<Scenario> implements ScenarioRegistry {

    @Activate
    public ScenarioRegistryImpl(BundleContext context) {
        super(context, Scenario.class, "scenario");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
