package org.focal.learn.internal;

import org.focal.core.learn.FeatureExtractor;
import org.focal.core.learn.FeatureExtractorRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = FeatureExtractorRegistry.class)
public final class FeatureExtractorRegistryImpl extends TrackedPluginRegistry<FeatureExtractor> implements FeatureExtractorRegistry {

    public FeatureExtractorRegistryImpl() {
        super(FeatureExtractor.class, "feature extractor");
    }
}
