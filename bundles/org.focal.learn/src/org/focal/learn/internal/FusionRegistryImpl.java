package org.focal.learn.internal;

import org.focal.learn.FusionRegistry;
import org.focal.learn.SlideFusion;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = FusionRegistry.class)
public final class FusionRegistryImpl extends TrackedPluginRegistry<SlideFusion> implements FusionRegistry {

    @Activate
    public FusionRegistryImpl(BundleContext context) {
        super(context, SlideFusion.class, "fusion");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
