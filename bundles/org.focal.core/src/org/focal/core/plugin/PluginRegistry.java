package org.focal.core.plugin;

import java.util.List;
import java.util.Optional;

/**
 * The plugins of one kind that are installed right now. Implementations follow bundles as they
 * come and go (dynamic DS references), so callers must not cache the results.
 */
public interface PluginRegistry<T extends FocalPlugin> {

    /** All plugins of this kind, sorted by id. */
    List<T> all();

    default Optional<T> byId(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
