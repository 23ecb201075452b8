package org.focal.pathology.internal;

import org.focal.pathology.TileFeatureRegistry;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = TileFeatureRegistry.class)
public final class TileFeatureRegistryImpl extends TrackedPluginRegistry<TileFeatureExtractor> implements TileFeatureRegistry {

    public TileFeatureRegistryImpl() {
        super(TileFeatureExtractor.class, "tile feature group");
    }
}
