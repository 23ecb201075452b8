package org.focal.core.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bookkeeping every registry shares: the installed plugins and the listeners. A registry of a
 * kind is a small DS component that extends this and forwards its dynamic reference's bind and
 * unbind methods to {@link #register} and {@link #unregister}; it needs no framework to be tested.
 */
public abstract class AbstractPluginRegistry<T extends FocalPlugin> implements PluginRegistry<T> {

    private static final System.Logger LOG = System.getLogger(AbstractPluginRegistry.class.getName());

    private final String kindName;
    private final List<T> plugins = new CopyOnWriteArrayList<>();
    private final List<RegistryChangeListener<? super T>> listeners = new CopyOnWriteArrayList<>();

    protected AbstractPluginRegistry(String kindName) {
        this.kindName = kindName;
    }

    @Override
    public final String kindName() {
        return kindName;
    }

    protected final void register(T plugin) {
        plugins.add(plugin);
        notifyListeners(l -> l.added(plugin));
    }

    protected final void unregister(T plugin) {
        if (plugins.remove(plugin)) {
            notifyListeners(l -> l.removed(plugin));
        }
    }

    @Override
    public List<T> all() {
        List<T> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing(FocalPlugin::id));
        return List.copyOf(sorted);
    }

    @Override
    public void addListener(RegistryChangeListener<? super T> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(RegistryChangeListener<? super T> listener) {
        listeners.remove(listener);
    }

    /** A failing listener must not stop the others, nor the bundle whose service is being bound. */
    private void notifyListeners(Consumer<RegistryChangeListener<? super T>> call) {
        for (RegistryChangeListener<? super T> listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a " + kindName + " registry listener failed", e);
            }
        }
    }
}
