package org.focal.core.plugin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.focal.core.BadInputException;

/**
 * The plugins of one kind that are installed right now. Implementations follow bundles as they
 * come and go (dynamic DS references), so callers must not cache the results; they listen instead.
 */
public interface PluginRegistry<T extends FocalPlugin> {

    /** What a user calls one plugin of this kind in a message, e.g. {@code scenario} or {@code exporter}. */
    String kindName();

    /** All plugins of this kind, sorted by id. */
    List<T> all();

    default Optional<T> find(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The plugin with this id, or a {@link BadInputException} that lists what is installed. */
    default T get(String id) {
        return find(id).orElseThrow(() -> unknown(kindName(), id, all()));
    }

    /** Calls the listener for every plugin added or removed from now on. */
    void addListener(RegistryChangeListener<? super T> listener);

    void removeListener(RegistryChangeListener<? super T> listener);

    /** The plugin with this id among {@code installed}, else the same error as {@link #get(String)}. */
    static <T extends FocalPlugin> T require(Collection<T> installed, String id, String kindName) {
        return installed.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> unknown(kindName, id, installed));
    }

    /** "unknown scenario 'x'; installed: a, b" (or "none installed"). */
    static BadInputException unknown(String kindName, String id, Collection<? extends FocalPlugin> installed) {
        String ids = installed.stream().map(FocalPlugin::id).distinct().sorted().collect(Collectors.joining(", "));
        return new BadInputException("unknown " + kindName + " '" + id + "'; "
                + (ids.isEmpty() ? "none installed" : "installed: " + ids));
    }
}
