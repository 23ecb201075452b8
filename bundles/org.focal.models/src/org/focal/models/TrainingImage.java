package org.focal.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.annotation.Annotation;
import org.focal.core.image.ImageSource;

/**
 * One image to learn from and the annotations people confirmed on it (accepted, corrected or
 * drawn by hand; never unreviewed predictions or rejected ones).
 *
 * @param path the image file, for messages
 */
public record TrainingImage(Path path, Opener image, List<Annotation> annotations) {

    /** Opens the image when a trainer gets to it, so a training set never holds every image open. */
    @FunctionalInterface
    public interface Opener {
        ImageSource open() throws IOException;
    }

    public TrainingImage {
        annotations = List.copyOf(annotations);
    }
}
