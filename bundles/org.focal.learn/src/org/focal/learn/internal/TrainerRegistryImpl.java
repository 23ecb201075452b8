package org.focal.learn.internal;

import org.focal.core.learn.Trainer;
import org.focal.core.learn.TrainerRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = TrainerRegistry.class)
public final class TrainerRegistryImpl extends TrackedPluginRegistry<Trainer> implements TrainerRegistry {

    public TrainerRegistryImpl() {
        super(Trainer.class, "trainer");
    }
}
