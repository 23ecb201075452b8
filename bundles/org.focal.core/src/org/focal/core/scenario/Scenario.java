package org.focal.core.scenario;

import java.util.List;
import java.util.Optional;

import org.focal.core.dataset.Task;
import org.focal.core.plugin.FocalPlugin;

/**
 * A disease scenario (lung histology, liver CT, blood smear, ...): the imaging it is about, the
 * tasks annotators do for it with the labels of each task, and the model that pre-annotates each
 * task. Scenarios come from bundles (a vendor ships one) or from a workspace (made without code).
 */
public interface Scenario extends FocalPlugin {

    /** Imaging modality, e.g. {@code WSI} (H&amp;E whole slide or patches), {@code CT}, {@code MR}, {@code XR}, {@code microscopy}. */
    String modality();

    /** The organ or tissue, e.g. {@code lung}; empty when not one organ. */
    String organ();

    /** One or two sentences for people choosing a scenario. */
    String description();

    /** The tasks, at most one per {@link Task}. */
    List<ScenarioTask> tasks();

    default Optional<ScenarioTask> task(Task task) {
        return tasks().stream().filter(t -> t.task() == task).findFirst();
    }
}
