package org.focal.core.plugin;

/** The installed annotation tools, in the order a palette shows them (by id). */
public interface AnnotationToolRegistry extends PluginRegistry<AnnotationTool> {
}
