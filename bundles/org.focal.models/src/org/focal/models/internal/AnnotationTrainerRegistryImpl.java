package org.focal.models.internal;

import org.focal.models.AnnotationTrainer;
import org.focal.models.AnnotationTrainerRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = AnnotationTrainerRegistry.class)
public final class AnnotationTrainerRegistryImpl extends TrackedPluginRegistry<AnnotationTrainer> implements AnnotationTrainerRegistry {

    public AnnotationTrainerRegistryImpl() {
        super(AnnotationTrainer.class, "annotation model trainer");
    }
}
