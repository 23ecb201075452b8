package org.focal.formats.internal;

import org.focal.core.export.Exporter;
import org.focal.core.export.ExporterRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = ExporterRegistry.class)
public final class ExporterRegistryImpl extends TrackedPluginRegistry<Exporter> implements ExporterRegistry {

    @Activate
    public ExporterRegistryImpl(BundleContext context) {
        super(context, Exporter.class, "export format");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
