package org.focal.pathology.internal;

import org.focal.pathology.SegmenterRegistry;
import org.focal.pathology.NucleusSegmenter;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = SegmenterRegistry.class)
public final class SegmenterRegistryImpl extends TrackedPluginRegistry<NucleusSegmenter> implements SegmenterRegistry {

    @Activate
    public SegmenterRegistryImpl(BundleContext context) {
        super(context, NucleusSegmenter.class, "nucleus segmenter");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
