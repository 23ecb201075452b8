package org.focal.io.tiff.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

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
