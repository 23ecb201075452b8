package org.focal.learn.internal;

import org.focal.core.learn.FeatureExtractor;
import org.focal.core.learn.FeatureExtractorRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = FeatureExtractorRegistry.class)
public final class FeatureExtractorRegistryImpl extends TrackedPluginRegistry<FeatureExtractor> implements FeatureExtractorRegistry {

    @Activate
    public FeatureExtractorRegistryImpl(BundleContext context) {
        super(context, FeatureExtractor.class, "feature extractor");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
