package org.focal.learn.internal;

import org.focal.core.learn.Predictor;
import org.focal.core.learn.PredictorRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = PredictorRegistry.class)
public final class PredictorRegistryImpl extends TrackedPluginRegistry<Predictor> implements PredictorRegistry {

    @Activate
    public PredictorRegistryImpl(BundleContext context) {
        super(context, Predictor.class, "predictor");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
