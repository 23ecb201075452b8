package org.focal.core.export;

import java.util.List;
import java.util.Objects;

import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;

/** A dataset with its images and their annotations: what exporters write and importers read. */
public record DatasetContent(Dataset dataset, List<Image> images) {

    public DatasetContent {
        Objects.requireNonNull(dataset, "dataset");
        images = List.copyOf(images);
    }

    /** One image: its path relative to the export (or absolute), its size and its annotations. */
    public record Image(String path, int width, int height, List<Annotation> annotations) {
        public Image {
            Objects.requireNonNull(path, "path");
            annotations = List.copyOf(annotations);
        }
    }
}
