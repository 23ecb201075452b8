package org.focal.core.export;

import java.util.List;
import java.util.Map;

import org.focal.core.dataset.LabelSet;
import org.focal.core.image.ImageMetadata;

/**
 * What an importer whose files refer to images by geometry or DICOM UIDs (label maps, DICOM SEG)
 * needs of the dataset it imports into: the dataset's labels, its images with their metadata, and
 * the user's options.
 *
 * @param dataset the dataset's name, for messages
 * @param options importer options from the user, e.g. {@code image} (the image to import onto) and
 *        {@code map} ({@code VALUE=LABEL,...}); absent keys mean defaults
 */
public record ImportContext(String dataset, LabelSet labels, List<Target> images, Map<String, String> options) {

    public ImportContext {
        images = List.copyOf(images);
        options = Map.copyOf(options);
    }

    /**
     * One image of the dataset.
     *
     * @param name the image's name in the dataset
     * @param metadata what its reader says (size, calibration, geometry, DICOM UIDs in the
     *        properties), or {@code null} when no reader could open it
     */
    public record Target(String name, ImageMetadata metadata) {
    }
}
