package org.focal.formats.internal;

import org.focal.core.export.Importer;
import org.focal.core.export.ImporterRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

@Component(service = ImporterRegistry.class)
public final class ImporterRegistryImpl extends TrackedPluginRegistry<Importer> implements ImporterRegistry {

    @Activate
    public ImporterRegistryImpl(BundleContext context) {
        super(context, Importer.class, "annotation format");
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
