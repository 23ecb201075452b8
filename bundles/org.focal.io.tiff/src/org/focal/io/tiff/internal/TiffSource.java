package org.focal.io.tiff.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;

/**
 * An open TIFF-family image. Each level is one TIFF image per stored plane; a plane holds one or
 * more interleaved samples, and OME-TIFF channels stored as separate planes are interleaved here.
 */
final class TiffSource extends TiledImageSource {

    /** Maps (z, channel plane, t) to the index of a plane in a level's array. */
    @FunctionalInterface
    interface PlaneIndex {
        int of(int z, int c, int t);
    }

    private final TileCache cache;
    private final TiffFile file;
    private final ImageMetadata metadata;
    private final ImageReference reference;
    /** [level][plane]. */
    private final TiffImage[][] levels;
    private final int cPlanes;
    private final PlaneIndex planeIndex;
    private final Map<String, TiffImage> associated;
    private volatile boolean closed;

    TiffSource(TileCache cache, TiffFile file, ImageMetadata metadata, ImageReference reference, TiffImage[][] levels,
            int cPlanes, PlaneIndex planeIndex, Map<String, TiffImage> associated) {
        super(cache);
        this.cache = cache;
        this.file = file;
        this.metadata = metadata;
        this.reference = reference;
        this.levels = levels;
        this.cPlanes = cPlanes;
        this.planeIndex = planeIndex;
        this.associated = Map.copyOf(associated);
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public ImageReference reference() {
        return reference;
    }

    @Override
    protected int tileWidth(int level) {
        return levels[level][0].tileWidth;
    }

    @Override
    protected int tileHeight(int level) {
        return levels[level][0].tileHeight;
    }

    /**
     * Like the base class, but the tiles a region needs are fetched (decoded on a cache miss) by the
     * calling thread together with helpers from the common fork-join pool, so that one caller
     * reading a region of several tiles uses the machine's cores. The caller takes part in the work,
     * so a busy pool only makes it slower, never stuck.
     */
    @Override
    protected PixelBuffer readLevelRegion(int level, int x, int y, int w, int h, int z, int t) throws IOException {
        ImageMetadata m = metadata;
        TiffImage l = levels[level][0];
        PixelBuffer out = PixelBuffer.allocate(w, h, m.channels(), m.pixelType());
        int tw = tileWidth(level);
        int th = tileHeight(level);
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(l.width, x + w);
        int y1 = Math.min(l.height, y + h);
        if (x0 >= x1 || y0 >= y1) {
            return out;
        }
        int txFirst = x0 / tw;
        int tyFirst = y0 / th;
        int across = (x1 - 1) / tw - txFirst + 1;
        int down = (y1 - 1) / th - tyFirst + 1;
        int n = across * down;
        PixelBuffer[] tiles = new PixelBuffer[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                int tx = txFirst + i % across;
                int ty = tyFirst + i / across;
                try {
                    tiles[i] = cache.get(new TileCache.Key(this, level, tx, ty, z, t), () -> readTile(level, tx, ty, z, t));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int helpers = Math.min(n - 1, ForkJoinPool.getCommonPoolParallelism());
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[Math.max(0, helpers)];
        for (int k = 0; k < tasks.length; k++) {
            tasks[k] = ForkJoinPool.commonPool().submit(work);
        }
        work.run();
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IOException(e);
        }
        for (int i = 0; i < n; i++) {
            copyOverlap(tiles[i], (txFirst + i % across) * tw, (tyFirst + i / across) * th, tw, th, x0, y0, x1, y1, out, x, y);
        }
        return out;
    }

    @Override
    protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) throws IOException {
        if (closed) {
            throw new IOException(file.path + ": image is closed");
        }
        TiffImage[] planes = levels[level];
        if (cPlanes == 1) {
            return planes[planeIndex.of(z, 0, t)].readTile(tileX, tileY);
        }
        PixelBuffer out = null;
        int c = metadata.channels();
        for (int p = 0; p < cPlanes; p++) {
            PixelBuffer plane = planes[planeIndex.of(z, p, t)].readTile(tileX, tileY);
            if (out == null) {
                out = PixelBuffer.allocate(plane.width(), plane.height(), c, metadata.pixelType());
            }
            if (plane.width() != out.width() || plane.height() != out.height()) {
                throw BadInputException.forFile(file.path, "channel planes have different tile sizes");
            }
            int spp = plane.channels();
            int n = plane.width() * plane.height();
            Object src = plane.data();
            Object dst = out.data();
            for (int i = 0; i < n; i++) {
                System.arraycopy(src, i * spp, dst, i * c + p * spp, spp);
            }
        }
        return out;
    }

    @Override
    public Optional<PixelBuffer> associatedImage(String name) throws IOException {
        TiffImage image = associated.get(name);
        if (image == null) {
            return Optional.empty();
        }
        if (closed) {
            throw new IOException(file.path + ": image is closed");
        }
        return Optional.of(image.readAll());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        releaseTiles();
        file.close();
    }
}
