package org.focal.models;

import java.util.List;
import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.dataset.Task;
import org.focal.core.plugin.FocalPlugin;

/**
 * Learns to annotate images from people's annotations: an image classifier, a box detector, a
 * segmenter. DS service; the {@link AnnotationPredictor} with the same id applies what it writes.
 * The model loop versions what it returns, so any trainer plugs into it.
 */
public interface AnnotationTrainer extends FocalPlugin {

    Task task();

    /** False for a fixed method that is versioned with its parameters but learns nothing (e.g. a classical segmenter). */
    default boolean learns() {
        return true;
    }

    /**
     * Checks the settings before any image is read, so a typo fails at once.
     *
     * @throws org.focal.core.BadInputException naming the unknown key or the bad value
     */
    void checkParameters(Map<String, String> parameters);

    /**
     * Trains a model for {@code labels} (their order is the model's class order).
     *
     * @throws org.focal.core.BadInputException when the images cannot be trained on (too few, one label only, ...)
     * @throws org.focal.core.CanceledException when the monitor was canceled
     */
    ModelArtefact train(List<TrainingImage> images, List<String> labels, Map<String, String> parameters,
            ProgressMonitor monitor);
}
