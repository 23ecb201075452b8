package org.focal.io.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.focal.core.image.PixelBuffer;
import org.focal.io.PixelBuffers;
import org.focal.io.TileCache;
import org.osgi.service.component.annotations.Component;

/** Least-recently-used tile cache bounded by the bytes of the pixel arrays it holds. */
@Component(service = TileCache.class)
public final class BoundedTileCache implements TileCache {

    private final long maxBytes;
    private final LinkedHashMap<Key, PixelBuffer> tiles = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;

    public BoundedTileCache() {
        this(defaultBytes());
    }

    public BoundedTileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static long defaultBytes() {
        String mb = System.getProperty("focal.tilecache.mb");
        if (mb != null) {
            try {
                return Math.max(0, Long.parseLong(mb.strip())) << 20;
            } catch (NumberFormatException e) {
                // fall back to the default below
            }
        }
        return Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    @Override
    public PixelBuffer get(Key key, Loader loader) throws IOException {
        synchronized (this) {
            PixelBuffer hit = tiles.get(key);
            if (hit != null) {
                return hit;
            }
        }
        PixelBuffer tile = loader.load();
        long size = PixelBuffers.sizeInBytes(tile);
        if (size > maxBytes) {
            return tile;
        }
        synchronized (this) {
            PixelBuffer previous = tiles.put(key, tile);
            usedBytes += size - (previous == null ? 0 : PixelBuffers.sizeInBytes(previous));
            Iterator<Map.Entry<Key, PixelBuffer>> eldest = tiles.entrySet().iterator();
            while (usedBytes > maxBytes && eldest.hasNext()) {
                Map.Entry<Key, PixelBuffer> e = eldest.next();
                usedBytes -= PixelBuffers.sizeInBytes(e.getValue());
                eldest.remove();
            }
        }
        return tile;
    }

    @Override
    public synchronized void invalidate(Object source) {
        Iterator<Map.Entry<Key, PixelBuffer>> it = tiles.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, PixelBuffer> e = it.next();
            if (e.getKey().source() == source) {
                usedBytes -= PixelBuffers.sizeInBytes(e.getValue());
                it.remove();
            }
        }
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public synchronized long usedBytes() {
        return usedBytes;
    }
}
