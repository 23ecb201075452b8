package org.focal.models;

import org.focal.core.plugin.PluginRegistry;

/** The installed annotation model trainers. */
public interface AnnotationTrainerRegistry extends PluginRegistry<AnnotationTrainer> {
}
