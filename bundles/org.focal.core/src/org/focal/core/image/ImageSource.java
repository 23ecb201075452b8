package org.focal.core.image;

import java.io.IOException;
import java.util.Optional;

/**
 * An open image: metadata plus on-demand pixel reads. Implementations stream tiles and must never
 * decode a whole level-0 slide for a region request. Thread-safe for concurrent reads.
 */
public interface ImageSource extends AutoCloseable {

    ImageMetadata metadata();

    /** The reference that reopens this image through the same reader. */
    ImageReference reference();

    /** Pixels of the region, sized {@link RegionRequest#outputWidth()} x {@link RegionRequest#outputHeight()}. */
    PixelBuffer read(RegionRequest request) throws IOException;

    /** An associated image (label, macro, thumbnail) by name, if the file has it. */
    default Optional<PixelBuffer> associatedImage(String name) throws IOException {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}
