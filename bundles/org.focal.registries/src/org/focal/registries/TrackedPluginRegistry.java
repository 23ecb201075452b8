package org.focal.registries;

import org.focal.core.plugin.AbstractPluginRegistry;
import org.focal.core.plugin.FocalPlugin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * A registry that follows every service of its kind with a {@link ServiceTracker}, so the registry
 * of a kind is a DS component of three lines: a no-argument constructor naming the type and the
 * kind, and {@code @Component(service = ThatRegistry.class)}. Service Component Runtime calls the
 * inherited {@link #activate} and {@link #deactivate} (the default method names, found in
 * superclasses). The owner of a plugin interface ships the registry of its kind beside it.
 */
public abstract class TrackedPluginRegistry<T extends FocalPlugin> extends AbstractPluginRegistry<T> {

    private final Class<T> type;
    private ServiceTracker<T, T> tracker;

    protected TrackedPluginRegistry(Class<T> type, String kindName) {
        super(kindName);
        this.type = type;
    }

    /** Starts tracking; every service present now is registered before this returns. */
    protected void activate(BundleContext context) {
        tracker = new ServiceTracker<>(context, type, new ServiceTrackerCustomizer<T, T>() {
            @Override
            public T addingService(ServiceReference<T> reference) {
                T plugin = context.getService(reference);
                if (plugin != null) {
                    register(plugin);
                }
                return plugin;
            }

            @Override
            public void modifiedService(ServiceReference<T> reference, T plugin) {
                // ids are fixed by the plugin objects, not by service properties
            }

            @Override
            public void removedService(ServiceReference<T> reference, T plugin) {
                unregister(plugin);
                context.ungetService(reference);
            }
        });
        tracker.open();
    }

    /** Stops tracking; the plugins leave the registry with their listeners told. */
    protected void deactivate() {
        tracker.close();
    }
}
