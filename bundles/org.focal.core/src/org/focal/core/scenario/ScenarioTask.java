package org.focal.core.scenario;

import java.util.List;

import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;

/**
 * One task of a scenario.
 *
 * @param kinds the annotation kinds annotators draw for it (image labels, boxes, polygons, masks)
 * @param volumetric true when the task is done on 3D volumes (x/y/z sections building a 3D label)
 * @param labels the labels, with colours and hotkeys in the order annotators press them
 * @param defaultModel the id of the model that pre-annotates this task, or null when there is none yet
 * @param pipeline the analysis this task feeds, e.g. {@code pathology-slide}, or null
 */
public record ScenarioTask(Task task, List<AnnotationKind> kinds, boolean volumetric, LabelSet labels, String defaultModel,
        String pipeline) {

    public ScenarioTask {
        if (task == null) {
            throw new IllegalArgumentException("a scenario task needs a task");
        }
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("the " + task.cliName() + " task needs at least one annotation kind");
        }
        if (labels == null || labels.labels().isEmpty()) {
            throw new IllegalArgumentException("the " + task.cliName() + " task needs at least one label");
        }
    }
}
