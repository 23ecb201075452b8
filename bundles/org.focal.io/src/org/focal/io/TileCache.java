package org.focal.io;

import java.io.IOException;

import org.focal.core.image.PixelBuffer;

/**
 * One cache of decoded tiles shared by all readers, bounded in bytes (least recently used tiles
 * are dropped first). Size: system property {@code focal.tilecache.mb}, default a quarter of the
 * maximum heap and at most 512 MB.
 */
public interface TileCache {

    /** Identifies one decoded tile of one open image. {@code source} must be unique per open image. */
    record Key(Object source, int level, int tileX, int tileY, int z, int t) {
    }

    /** Decodes one tile; called outside the cache's lock, so several tiles decode in parallel. */
    @FunctionalInterface
    interface Loader {
        PixelBuffer load() throws IOException;
    }

    /** The cached tile, or the loader's result, which is then cached. */
    PixelBuffer get(Key key, Loader loader) throws IOException;

    /** Drops every tile of one image (call on close). */
    void invalidate(Object source);

    long maxBytes();

    long usedBytes();
}
