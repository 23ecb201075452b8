package org.focal.store;

import java.util.Map;

/**
 * A stored image.
 *
 * @param name the image's name in the dataset (relative path as imported, unique per dataset)
 * @param path where the file is (absolute), or {@code null} when known only by name
 * @param copied whether the file was copied into the workspace (and is deleted with the dataset)
 * @param width level-0 width, 0 when unknown
 * @param externalId the id the image had in an imported format (a COCO image id), or null
 */
public record ImageRecord(long id, long datasetId, String name, String path, boolean copied, int width, int height,
        int sizeZ, String externalId, Map<String, String> metadata) {

    public ImageRecord {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
