package org.focal.registries;

import org.focal.core.plugin.AbstractPluginRegistry;
import org.focal.core.plugin.FocalPlugin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * A registry that follows every service of its kind with a {@link ServiceTracker}, so a registry
 * for a new kind is a DS component of a few lines: construct with the bundle context in
 * {@code @Activate}, {@link #close()} in {@code @Deactivate}. The owner of a plugin interface
 * ships the registry of its kind beside it.
 */
public abstract class TrackedPluginRegistry<T extends FocalPlugin> extends AbstractPluginRegistry<T> {

    private final ServiceTracker<T, T> tracker;

    protected TrackedPluginRegistry(BundleContext context, Class<T> type, String kindName) {
        super(kindName);
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
    protected final void close() {
        tracker.close();
    }
}
