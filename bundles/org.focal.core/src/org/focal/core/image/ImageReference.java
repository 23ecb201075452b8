package org.focal.core.image;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What is persisted to reopen an image later: where it is, which reader opened it and with which
 * options (e.g. a series UID inside a DICOM folder).
 */
public record ImageReference(URI uri, String readerId, Map<String, String> options) {

    public ImageReference {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(readerId, "readerId");
        options = Map.copyOf(options);
    }

    public ImageReference(URI uri, String readerId) {
        this(uri, readerId, Map.of());
    }
}
