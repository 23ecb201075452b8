package org.focal.registries.internal;

import org.focal.core.plugin.AnnotationTool;
import org.focal.core.plugin.AnnotationToolRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = AnnotationToolRegistry.class)
public final class AnnotationToolRegistryImpl extends TrackedPluginRegistry<AnnotationTool> implements AnnotationToolRegistry {

    public AnnotationToolRegistryImpl() {
        super(AnnotationTool.class, "annotation tool");
    }
}
