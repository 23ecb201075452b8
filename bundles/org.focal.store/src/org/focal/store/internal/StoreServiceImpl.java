package org.focal.store.internal;

import java.nio.file.Path;

import org.focal.store.Store;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Component;

/** Opens H2 stores; the default workspace is resolved on every call so tests can switch it. */
@Component(service = StoreService.class)
public final class StoreServiceImpl implements StoreService {

    @Override
    public Path defaultWorkspace() {
        return StoreService.resolveDefaultWorkspace();
    }

    @Override
    public Store open(Path workspace) {
        return H2Store.open(workspace == null ? defaultWorkspace() : workspace);
    }
}
