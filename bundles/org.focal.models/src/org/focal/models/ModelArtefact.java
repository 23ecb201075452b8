package org.focal.models;

import java.util.List;
import java.util.Map;

import org.focal.core.dataset.Task;

/**
 * What an {@link AnnotationTrainer} produced: everything its {@link AnnotationPredictor} needs to
 * annotate new images, as one self-describing file ({@link ModelFiles}).
 *
 * @param trainer the id of the trainer (and predictor) that wrote and reads it
 * @param task the task it annotates for
 * @param labels the labels it predicts, in its own class order
 * @param parameters the training settings, as given and defaulted
 * @param metrics training metrics (e.g. cross-validated accuracy)
 * @param payload the trainer's own model data (its format is the trainer's business)
 */
public record ModelArtefact(String trainer, Task task, List<String> labels, Map<String, String> parameters,
        Map<String, Double> metrics, byte[] payload) {

    public ModelArtefact {
        if (trainer == null || trainer.isBlank()) {
            throw new IllegalArgumentException("a model needs the id of its trainer");
        }
        if (task == null) {
            throw new IllegalArgumentException("a model needs a task");
        }
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one label");
        }
        parameters = Map.copyOf(parameters);
        metrics = Map.copyOf(metrics);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
