package org.focal.io;

import java.io.IOException;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.ResolutionLevel;

/**
 * Base of readers whose levels are stored as a grid of tiles (or strips: tiles as wide as the
 * image). It turns a {@link RegionRequest} into tile reads through the shared {@link TileCache}:
 * picks the level, assembles the tiles that intersect the region, and area-averages when the
 * request falls between levels. Regions reaching outside the image are padded with zeros.
 * Subclasses only decode single tiles.
 */
public abstract class TiledImageSource implements ImageSource {

    /** Level regions up to this many samples are read whole before resampling; larger ones in bands. */
    static final long BAND_SAMPLES = 16L << 20;

    private final TileCache cache;

    protected TiledImageSource(TileCache cache) {
        this.cache = cache;
    }

    /** Tile grid size at a level; by default the metadata's tile size at every level. */
    protected int tileWidth(int level) {
        return metadata().tileWidth();
    }

    protected int tileHeight(int level) {
        return metadata().tileHeight();
    }

    /**
     * Decodes one tile. Edge tiles may be returned at full tile size or cropped; only the part
     * inside the level is used. Must be thread-safe.
     */
    protected abstract PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) throws IOException;

    @Override
    public PixelBuffer read(RegionRequest request) throws IOException {
        ImageMetadata m = metadata();
        if (request.z() >= m.sizeZ() || request.t() >= m.sizeT()) {
            throw new IllegalArgumentException("plane z=" + request.z() + ", t=" + request.t() + " outside "
                    + m.sizeZ() + " z x " + m.sizeT() + " t");
        }
        int level = m.levelForDownsample(request.downsample());
        ResolutionLevel l = m.levels().get(level);
        // the region in this level's pixels; level sizes are rounded, so scale per axis
        double sx = (double) m.width() / l.width();
        double sy = (double) m.height() / l.height();
        int lx0 = (int) Math.floor(request.x() / sx);
        int ly0 = (int) Math.floor(request.y() / sy);
        int lx1 = (int) Math.ceil((request.x() + (double) request.width()) / sx);
        int ly1 = (int) Math.ceil((request.y() + (double) request.height()) / sy);
        int lw = Math.max(1, lx1 - lx0);
        int lh = Math.max(1, ly1 - ly0);
        int outW = request.outputWidth();
        int outH = request.outputHeight();
        long levelSamples = PixelBuffer.samples(lw, lh, m.channels());
        if (levelSamples <= BAND_SAMPLES || (lw == outW && lh == outH)) {
            PixelBuffer levelRegion = readLevelRegion(level, lx0, ly0, lw, lh, request.z(), request.t());
            return PixelBuffers.resize(levelRegion, outW, outH);
        }
        // Shrinking a large level region: read it in bands of rows and average each band into the
        // output, so memory stays at one band plus the output, whatever the region's size.
        PixelBuffer out = PixelBuffer.allocate(outW, outH, m.channels(), m.pixelType());
        long bandRowSamples = (long) lw * m.channels() * Math.max(1, (long) Math.ceil((double) lh / outH));
        int outRowsPerBand = (int) Math.max(1, Math.min(outH, BAND_SAMPLES / bandRowSamples));
        for (int oy0 = 0; oy0 < outH; oy0 += outRowsPerBand) {
            int oy1 = Math.min(outH, oy0 + outRowsPerBand);
            int sy0 = PixelBuffers.sourceStart(oy0, lh, outH);
            int sy1 = PixelBuffers.sourceEnd(oy1 - 1, lh, outH);
            PixelBuffer band = readLevelRegion(level, lx0, ly0 + sy0, lw, sy1 - sy0, request.z(), request.t());
            PixelBuffers.resizeRows(band, sy0, lh, out, oy0, oy1);
        }
        return out;
    }

    /** Pixels of a rectangle in a level's own coordinates, zero outside the level. */
    protected PixelBuffer readLevelRegion(int level, int x, int y, int w, int h, int z, int t) throws IOException {
        ImageMetadata m = metadata();
        ResolutionLevel l = m.levels().get(level);
        PixelBuffer out = PixelBuffer.allocate(w, h, m.channels(), m.pixelType());
        int tw = tileWidth(level);
        int th = tileHeight(level);
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(l.width(), x + w);
        int y1 = Math.min(l.height(), y + h);
        if (x0 >= x1 || y0 >= y1) {
            return out;
        }
        for (int ty = y0 / th; ty <= (y1 - 1) / th; ty++) {
            for (int tx = x0 / tw; tx <= (x1 - 1) / tw; tx++) {
                final int tileX = tx;
                final int tileY = ty;
                PixelBuffer tile = cache.get(new TileCache.Key(this, level, tx, ty, z, t),
                        () -> readTile(level, tileX, tileY, z, t));
                copyOverlap(tile, tx * tw, ty * th, tw, th, x0, y0, x1, y1, out, x, y);
            }
        }
        return out;
    }

    /**
     * Copies the part of a tile (top-left at level pixel tileLeft, tileTop; nominal size tw x th,
     * edge tiles may be smaller) that overlaps the level rectangle [x0, x1) x [y0, y1) into
     * {@code out}, whose top-left is level pixel (outX, outY).
     */
    protected static void copyOverlap(PixelBuffer tile, int tileLeft, int tileTop, int tw, int th, int x0, int y0, int x1,
            int y1, PixelBuffer out, int outX, int outY) {
        int cx0 = Math.max(x0, tileLeft);
        int cy0 = Math.max(y0, tileTop);
        int cx1 = Math.min(Math.min(x1, tileLeft + tw), tileLeft + tile.width());
        int cy1 = Math.min(Math.min(y1, tileTop + th), tileTop + tile.height());
        if (cx1 > cx0 && cy1 > cy0) {
            PixelBuffers.copy(tile, cx0 - tileLeft, cy0 - tileTop, out, cx0 - outX, cy0 - outY, cx1 - cx0, cy1 - cy0);
        }
    }

    /** Call from {@link #close()}: frees this image's tiles from the shared cache. */
    protected void releaseTiles() {
        cache.invalidate(this);
    }
}
