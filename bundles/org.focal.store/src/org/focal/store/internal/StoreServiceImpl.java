package org.focal.store.internal;

import java.nio.file.Path;
import java.util.Map;

import org.focal.store.Store;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Opens H2 stores; the default workspace is resolved on every call so tests can switch it. Stores
 * publish their changes through Event Admin when one is installed (a headless command needs none).
 */
@Component(service = StoreService.class)
public final class StoreServiceImpl implements StoreService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Override
    public Path defaultWorkspace() {
        return StoreService.resolveDefaultWorkspace();
    }

    @Override
    public Store open(Path workspace) {
        return new EventingStore(H2Store.open(workspace == null ? defaultWorkspace() : workspace), this::publish);
    }

    private void publish(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
