package org.focal.pathology;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.focal.core.ProgressMonitor;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.pathology.internal.ParallelTiles;

/**
 * Runs a {@link NucleusSegmenter} over a region of an image tile by tile. Tiles overlap by more than
 * the largest nucleus, and a nucleus is kept only by the tile whose core (the tile without the
 * overlap) contains its centroid, so nuclei cut by a tile border appear exactly once, whole.
 * Stain vectors and the threshold are fixed once from an overview of the region (see
 * {@link NucleusSegmenter#prepare}) so that all tiles agree.
 */
public final class TiledNucleusDetection {

    /** Default tile core size in pixels. */
    public static final int DEFAULT_TILE = 1024;
    /** Largest side of the overview the region's settings are estimated on. */
    static final int OVERVIEW_SIZE = 2048;

    public record Result(List<Nucleus> nuclei, NucleusParameters resolvedParameters, int tiles) {
    }

    private final NucleusSegmenter segmenter;
    private int tileSize = DEFAULT_TILE;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    public TiledNucleusDetection(NucleusSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    public TiledNucleusDetection tileSize(int size) {
        if (size < 64) {
            throw new IllegalArgumentException("tile size must be at least 64 pixels");
        }
        this.tileSize = size;
        return this;
    }

    public TiledNucleusDetection threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /**
     * Segments nuclei whose centroid lies in the level-0 rectangle (x, y, w, h) of the image, which
     * must lie inside the image. Reads level 0 (pixel size {@code pixelSizeUm}).
     */
    public Result run(ImageSource source, int x, int y, int w, int h, double pixelSizeUm, NucleusParameters params,
            ProgressMonitor monitor) throws IOException {
        ImageMetadata m = source.metadata();
        if (!RegionRequest.of(x, y, w, h).isInside(m.width(), m.height())) {
            throw new IllegalArgumentException("region lies outside the image");
        }
        double downsample = Math.max(1.0, Math.max(w, h) / (double) OVERVIEW_SIZE);
        PixelBuffer overview = source.read(new RegionRequest(x, y, w, h, downsample, 0, 0));
        NucleusParameters resolved = segmenter.prepare(overview, downsample, pixelSizeUm, params);
        int margin = (int) Math.ceil(resolved.maxDiameterUm() / pixelSizeUm) + 8;
        List<int[]> cores = new ArrayList<>();
        for (int ty = y; ty < y + h; ty += tileSize) {
            for (int tx = x; tx < x + w; tx += tileSize) {
                cores.add(new int[] {tx, ty, Math.min(tileSize, x + w - tx), Math.min(tileSize, y + h - ty)});
            }
        }
        monitor.begin("Segmenting nuclei", cores.size());
        try {
            List<List<Nucleus>> perTile = ParallelTiles.map(cores, threads, monitor, core -> {
                int rx = Math.max(0, core[0] - margin);
                int ry = Math.max(0, core[1] - margin);
                int rw = Math.min(m.width(), core[0] + core[2] + margin) - rx;
                int rh = Math.min(m.height(), core[1] + core[3] + margin) - ry;
                PixelBuffer tile = source.read(RegionRequest.of(rx, ry, rw, rh));
                List<Nucleus> kept = new ArrayList<>();
                for (Nucleus nucleus : segmenter.segment(tile, rx, ry, pixelSizeUm, resolved).nuclei()) {
                    double cx = nucleus.centroidX();
                    double cy = nucleus.centroidY();
                    if (cx >= core[0] && cx < core[0] + core[2] && cy >= core[1] && cy < core[1] + core[3]) {
                        kept.add(nucleus);
                    }
                }
                return kept;
            });
            List<Nucleus> all = new ArrayList<>();
            perTile.forEach(all::addAll);
            return new Result(all, resolved, cores.size());
        } finally {
            monitor.done();
        }
    }
}
