package org.focal.registries.internal;

import org.focal.core.plugin.AnnotationTool;
import org.focal.core.plugin.AnnotationToolRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = AnnotationToolRegistry.class)
public final class AnnotationToolRegistryImpl extends TrackedPluginRegistry<AnnotationTool> implements AnnotationToolRegistry {

    @Activate
    public AnnotationToolRegistryImpl(BundleContext context) {
        super(context, AnnotationTool.class, "annotation tool");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
