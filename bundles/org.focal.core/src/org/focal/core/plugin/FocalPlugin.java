package org.focal.core.plugin;

/**
 * Common face of every plugin service (reader, scenario, tool, extractor, trainer, exporter, ...).
 * Plugins are OSGi Declarative Services components; the id is stable across versions and is what
 * users type on the command line and what persisted data refers to.
 */
public interface FocalPlugin {

    /** Stable, lower-case identifier such as {@code dicom} or {@code coco}. */
    String id();

    /** Human-readable name; defaults to the id. */
    default String displayName() {
        return id();
    }
}
