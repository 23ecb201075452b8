package org.focal.learn.internal;

import org.focal.core.learn.Predictor;
import org.focal.core.learn.PredictorRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = PredictorRegistry.class)
public final class PredictorRegistryImpl extends TrackedPluginRegistry<Predictor> implements PredictorRegistry {

    public PredictorRegistryImpl() {
        super(Predictor.class, "predictor");
    }
}
