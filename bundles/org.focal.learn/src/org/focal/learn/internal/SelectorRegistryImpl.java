package org.focal.learn.internal;

import org.focal.learn.SelectorRegistry;
import org.focal.learn.FeatureSelector;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = SelectorRegistry.class)
public final class SelectorRegistryImpl extends TrackedPluginRegistry<FeatureSelector> implements SelectorRegistry {

    public SelectorRegistryImpl() {
        super(FeatureSelector.class, "feature selection");
    }
}
