package org.focal.learn.internal;

import org.focal.learn.FusionRegistry;
import org.focal.learn.SlideFusion;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = FusionRegistry.class)
public final class FusionRegistryImpl extends TrackedPluginRegistry<SlideFusion> implements FusionRegistry {

    public FusionRegistryImpl() {
        super(SlideFusion.class, "fusion");
    }
}
