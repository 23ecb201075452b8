package org.focal.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.image.ImageSource;
import org.focal.core.plugin.FocalPlugin;

/**
 * Annotates images with a model its {@link AnnotationTrainer} wrote. DS service with the trainer's
 * id. Stateless and thread-safe.
 */
public interface AnnotationPredictor extends FocalPlugin {

    /**
     * Checks a model completely before any image is read (payload readable, labels and sizes
     * consistent), so a broken model fails before a batch starts.
     *
     * @throws org.focal.core.BadInputException naming what is wrong
     */
    void check(ModelArtefact model);

    /**
     * The model's annotations of one image, each {@link org.focal.core.annotation.ReviewState#PREDICTED},
     * with {@code source} as its source and a confidence in [0, 1]. {@code path} names the image in messages.
     */
    List<Annotation> predict(ModelArtefact model, AnnotationSource source, Path path, ImageSource image, ProgressMonitor monitor)
            throws IOException;
}
