package org.focal.core.learn;

import org.focal.core.plugin.PluginRegistry;

/** The installed trainers (classifiers and models that learn from annotations or features). */
public interface TrainerRegistry extends PluginRegistry<Trainer> {
}
