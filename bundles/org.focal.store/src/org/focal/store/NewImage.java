package org.focal.store;

import java.util.Map;
import java.util.Objects;

/** An image to add to a dataset; see {@link ImageRecord} for the fields. */
public record NewImage(String name, String path, boolean copied, int width, int height, int sizeZ, String externalId,
        Map<String, String> metadata) {

    public NewImage {
        Objects.requireNonNull(name, "name");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public NewImage(String name, String path, boolean copied, int width, int height, int sizeZ) {
        this(name, path, copied, width, height, sizeZ, null, Map.of());
    }
}
