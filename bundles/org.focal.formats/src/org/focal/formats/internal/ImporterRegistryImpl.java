package org.focal.formats.internal;

import org.focal.core.export.Importer;
import org.focal.core.export.ImporterRegistry;
import org.focal.registries.TrackedPluginRegistry;
import org.osgi.service.component.annotations.Component;

@Component(service = ImporterRegistry.class)
public final class ImporterRegistryImpl extends TrackedPluginRegistry<Importer> implements ImporterRegistry {

    public ImporterRegistryImpl() {
        super(Importer.class, "annotation format");
    }
}
