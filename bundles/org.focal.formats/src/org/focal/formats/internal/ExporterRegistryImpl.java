package org.focal.formats.internal;

import org.focal.core.export.Exporter;
import org.focal.core.export.ExporterRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = ExporterRegistry.class)
public final class ExporterRegistryImpl extends TrackedPluginRegistry<Exporter> implements ExporterRegistry {

    public ExporterRegistryImpl() {
        super(Exporter.class, "export format");
    }
}
