package org.focal.core.plugin;

/** Told when a plugin of a registry's kind is installed or goes away (its bundle started or stopped). */
public interface RegistryChangeListener<T> {

    void added(T plugin);

    void removed(T plugin);
}
