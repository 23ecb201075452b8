package org.focal.models.internal;

import org.focal.models.AnnotationPredictor;
import org.focal.models.AnnotationPredictorRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = AnnotationPredictorRegistry.class)
public final class AnnotationPredictorRegistryImpl extends TrackedPluginRegistry<AnnotationPredictor> implements AnnotationPredictorRegistry {

    public AnnotationPredictorRegistryImpl() {
        super(AnnotationPredictor.class, "annotation model predictor");
    }
}
