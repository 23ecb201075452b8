package org.focal.io.dicom.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;

/**
 * An open DICOM image: either planes (a 2D image, the frames of a multi-frame file, or the
 * slices of a series; one tile per plane) or a whole-slide pyramid (one file per level, one
 * tile per frame).
 */
final class DicomImageSource extends TiledImageSource {

    /** One plane of a volume: a frame of a file. */
    record Plane(DicomFile file, int frame) {
    }

    /** One pyramid level of a slide: its file, tile grid and the frame of each tile (-1: absent). */
    record SlideLevel(DicomFile file, int tileWidth, int tileHeight, int tilesAcross, int tilesDown, int[] frameOfTile) {
    }

    private final ImageMetadata metadata;
    private final ImageReference reference;
    private final List<DicomFile> files;
    private final List<Plane> planes;
    private final List<SlideLevel> levels;
    private final Map<String, DicomFile> associated;

    private DicomImageSource(TileCache cache, ImageMetadata metadata, ImageReference reference, List<DicomFile> files,
            List<Plane> planes, List<SlideLevel> levels, Map<String, DicomFile> associated) {
        super(cache);
        this.metadata = metadata;
        this.reference = reference;
        this.files = List.copyOf(files);
        this.planes = planes == null ? null : List.copyOf(planes);
        this.levels = levels == null ? null : List.copyOf(levels);
        this.associated = Map.copyOf(associated);
    }

    static DicomImageSource ofPlanes(TileCache cache, ImageMetadata metadata, ImageReference reference, List<DicomFile> files,
            List<Plane> planes) {
        return new DicomImageSource(cache, metadata, reference, files, planes, null, Map.of());
    }

    static DicomImageSource ofSlide(TileCache cache, ImageMetadata metadata, ImageReference reference, List<DicomFile> files,
            List<SlideLevel> levels, Map<String, DicomFile> associated) {
        return new DicomImageSource(cache, metadata, reference, files, null, levels, associated);
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
        return levels == null ? metadata.width() : levels.get(level).tileWidth();
    }

    @Override
    protected int tileHeight(int level) {
        return levels == null ? metadata.height() : levels.get(level).tileHeight();
    }

    @Override
    protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) throws IOException {
        if (planes != null) {
            Plane p = planes.get(z);
            return FrameDecoder.decode(p.file(), p.frame());
        }
        SlideLevel l = levels.get(level);
        int frame = tileX < l.tilesAcross() && tileY < l.tilesDown() ? l.frameOfTile()[tileY * l.tilesAcross() + tileX] : -1;
        if (frame < 0) {
            PixelBuffer blank = PixelBuffer.allocate(l.tileWidth(), l.tileHeight(), metadata.channels(), metadata.pixelType());
            if (blank.data() instanceof byte[] b && metadata.channels() == 3) {
                java.util.Arrays.fill(b, (byte) 0xFF); // slide background: white
            }
            return blank;
        }
        return FrameDecoder.decode(l.file(), frame);
    }

    @Override
    public Optional<PixelBuffer> associatedImage(String name) throws IOException {
        DicomFile f = associated.get(name);
        return f == null ? Optional.empty() : Optional.of(FrameDecoder.decode(f, 0));
    }

    @Override
    public void close() throws IOException {
        releaseTiles();
        IOException first = null;
        for (DicomFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
