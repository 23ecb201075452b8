package org.focal.core.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;

/**
 * A dataset with its images and their annotations: what exporters write and importers read.
 *
 * @param warnings problems an importer found and skipped, one line each, naming the file (and line
 *        where known), e.g. {@code Annotations/a.xml:42: degenerate box ... skipped}; empty for exports
 */
public record DatasetContent(Dataset dataset, List<Image> images, List<String> warnings) {

    public DatasetContent {
        Objects.requireNonNull(dataset, "dataset");
        images = List.copyOf(images);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public DatasetContent(Dataset dataset, List<Image> images) {
        this(dataset, images, List.of());
    }

    /**
     * One image: its path relative to the export (or absolute), its size and its annotations.
     *
     * @param id the image's identifier in the exchange format or store (a COCO image id, a store
     *        row id), or {@code null} when it has none; exporters keep numeric ids where they can
     * @param width level-0 width in pixels, 0 when unknown
     * @param height level-0 height in pixels, 0 when unknown
     * @param sizeZ number of planes (1 for 2D images)
     * @param metadata format-specific image fields kept for a faithful round trip (e.g. COCO's
     *        {@code license}, VOC's image sets), as text
     */
    public record Image(String id, String path, int width, int height, int sizeZ, Map<String, String> metadata,
            List<Annotation> annotations) {
        public Image {
            Objects.requireNonNull(path, "path");
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("image size must not be negative: " + width + " x " + height);
            }
            sizeZ = Math.max(1, sizeZ);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            annotations = List.copyOf(annotations);
        }

        public Image(String path, int width, int height, List<Annotation> annotations) {
            this(null, path, width, height, 1, Map.of(), annotations);
        }

        public Image withAnnotations(List<Annotation> newAnnotations) {
            return new Image(id, path, width, height, sizeZ, metadata, newAnnotations);
        }
    }
}
