package org.focal.pathology.internal;

import org.focal.pathology.TileFeatureRegistry;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = TileFeatureRegistry.class)
public final class TileFeatureRegistryImpl extends TrackedPluginRegistry<TileFeatureExtractor> implements TileFeatureRegistry {

    @Activate
    public TileFeatureRegistryImpl(BundleContext context) {
        super(context, TileFeatureExtractor.class, "tile feature group");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
