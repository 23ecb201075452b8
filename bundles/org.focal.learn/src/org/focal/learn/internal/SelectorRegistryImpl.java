package org.focal.learn.internal;

import org.focal.learn.SelectorRegistry;
import org.focal.learn.FeatureSelector;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = SelectorRegistry.class)
public final class SelectorRegistryImpl extends TrackedPluginRegistry<FeatureSelector> implements SelectorRegistry {

    @Activate
    public SelectorRegistryImpl(BundleContext context) {
        super(context, FeatureSelector.class, "feature selection");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
