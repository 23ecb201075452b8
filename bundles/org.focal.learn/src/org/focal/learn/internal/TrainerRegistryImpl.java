package org.focal.learn.internal;

import org.focal.core.learn.Trainer;
import org.focal.core.learn.TrainerRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = TrainerRegistry.class)
public final class TrainerRegistryImpl extends TrackedPluginRegistry<Trainer> implements TrainerRegistry {

    @Activate
    public TrainerRegistryImpl(BundleContext context) {
        super(context, Trainer.class, "trainer");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
