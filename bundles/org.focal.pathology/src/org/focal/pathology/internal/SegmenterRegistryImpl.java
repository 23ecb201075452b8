package org.focal.pathology.internal;

import org.focal.pathology.SegmenterRegistry;
import org.focal.pathology.NucleusSegmenter;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = SegmenterRegistry.class)
public final class SegmenterRegistryImpl extends TrackedPluginRegistry<NucleusSegmenter> implements SegmenterRegistry {

    public SegmenterRegistryImpl() {
        super(NucleusSegmenter.class, "nucleus segmenter");
    }
}
