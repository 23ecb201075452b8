package org.focal.pathology.slide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.Nucleus;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.NucleusSegmenter.TileSegmentation;
import org.focal.pathology.StainImages;
import org.focal.pathology.StainVectors;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.internal.ParallelTiles;

/**
 * The per-slide front half of the pipeline: tissue ROI, tiling at the analysis magnification,
 * colour deconvolution, nucleus segmentation and the feature extractors, one row per tile. Stain
 * vectors and the nucleus threshold are fixed once per slide from an overview so all its tiles
 * agree. Tiles run in parallel; only their feature rows are kept.
 */
public final class SlideAnalysis {

    /**
     * @param stains "ruifrok" (standard H&amp;E vectors), "estimate" (Macenko on the slide's tissue) or explicit vectors
     */
    public record Settings(TilingSettings tiling, String stains, NucleusParameters nucleus, int threads) {

        public static Settings defaults() {
            return new Settings(TilingSettings.defaults(), "ruifrok", NucleusParameters.defaults(),
                    Runtime.getRuntime().availableProcessors());
        }

        public Settings withTiling(TilingSettings t) {
            return new Settings(t, stains, nucleus, threads);
        }

        public Settings withStains(String s) {
            return new Settings(tiling, s, nucleus, threads);
        }

        public Settings withThreads(int n) {
            return new Settings(tiling, stains, nucleus, Math.max(1, n));
        }
    }

    /** Everything the back half (fusion, classifier, report) needs about one slide. */
    public record Result(Path slide, ImageMetadata metadata, TissueMask tissue, SlideTiling.Grid grid,
            StainVectors stains, double analysisPixelSizeUm, List<String> featureNames, List<String> featureGroups,
            List<TileSpec> tiles, double[][] rows) {
    }

    private final NucleusSegmenter segmenter;
    private final TileFeatures features;

    public SlideAnalysis(NucleusSegmenter segmenter, TileFeatures features) {
        this.segmenter = segmenter;
        this.features = features;
    }

    public TileFeatures features() {
        return features;
    }

    /**
     * Analyses one slide: the tissue is always detected; {@code roi} is a user region that tiles
     * must also lie in, or null for the whole slide.
     *
     * @throws BadInputException when the slide is not 8-bit RGB, has no tissue, or is smaller than a tile
     */
    public Result run(Path path, ImageSource source, TissueMask.Region roi, Settings settings, ProgressMonitor monitor)
            throws IOException {
        ImageMetadata m = source.metadata();
        if (m.channels() != 3 || m.pixelType() != PixelType.UINT8) {
            throw BadInputException.forFile(path, "H&E analysis needs an 8-bit RGB image, this one has " + m.channels()
                    + " channel(s) of " + m.pixelType().name().toLowerCase(Locale.ROOT));
        }
        double overviewDownsample = Math.max(1.0, Math.max(m.width(), m.height()) / (double) TissueDetector.OVERVIEW_SIZE);
        PixelBuffer overview = source.read(new RegionRequest(0, 0, m.width(), m.height(), overviewDownsample, 0, 0));
        TissueMask tissue = TissueDetector.detect(overview, overviewDownsample);
        SlideTiling.Grid grid = SlideTiling.tiles(path, m, settings.tiling(), tissue, roi);
        double um = settings.tiling().analysisPixelSizeUm();
        StainVectors chosen = StainVectors.fromOption(settings.stains());
        StainVectors stains = chosen != null ? chosen : StainVectors.estimateMacenko(overview);
        // the overview pixel is overviewDownsample level-0 pixels = overviewDownsample / grid.downsample() analysis pixels
        NucleusParameters nucleus = segmenter.prepare(overview, overviewDownsample / grid.downsample(), um,
                settings.nucleus().withStains(stains));
        int margin = (int) Math.ceil(nucleus.maxDiameterUm() / um) + 4;
        monitor.begin("Analysing " + grid.tiles().size() + " tiles of " + path.getFileName(), grid.tiles().size());
        try {
            List<double[]> rows = ParallelTiles.map(grid.tiles(), settings.threads(), monitor,
                    tile -> features.extract(analyse(source, m, tile, margin, um, nucleus)));
            return new Result(path, m, tissue, grid, stains, um, features.names(), features.groups(), grid.tiles(),
                    rows.toArray(double[][]::new));
        } finally {
            monitor.done();
        }
    }

    /** Reads the tile plus {@code margin} analysis pixels around it, deconvolves and segments it. */
    TileAnalysis analyse(ImageSource source, ImageMetadata m, TileSpec tile, int margin, double um,
            NucleusParameters nucleus) throws IOException {
        double ds = tile.downsample();
        int margin0 = (int) Math.round(margin * ds);
        int side0 = tile.level0Size();
        int x0 = Math.max(0, tile.x() - margin0);
        int y0 = Math.max(0, tile.y() - margin0);
        int x1 = Math.min(m.width(), tile.x() + side0 + margin0);
        int y1 = Math.min(m.height(), tile.y() + side0 + margin0);
        PixelBuffer rgb = source.read(new RegionRequest(x0, y0, x1 - x0, y1 - y0, ds, 0, 0));
        int coreX = (int) Math.round((tile.x() - x0) / ds);
        int coreY = (int) Math.round((tile.y() - y0) / ds);
        int coreW = Math.min(tile.size(), rgb.width() - coreX);
        int coreH = Math.min(tile.size(), rgb.height() - coreY);
        TileSegmentation segmentation = segmenter.segment(rgb, 0, 0, um, nucleus);
        StainImages stains = stainImages(rgb, nucleus.stains(), segmentation.hematoxylin());
        int[] labels = segmentation.labels() != null ? segmentation.labels() : new int[rgb.width() * rgb.height()];
        List<Nucleus> kept = new ArrayList<>();
        for (Nucleus n : segmentation.nuclei()) {
            if (n.centroidX() >= coreX && n.centroidX() < coreX + coreW && n.centroidY() >= coreY
                    && n.centroidY() < coreY + coreH) {
                kept.add(n);
            }
        }
        return new TileAnalysis(rgb, stains, labels, coreX, coreY, coreW, coreH, kept, um);
    }

    /** All stain images, reusing the hematoxylin the segmenter computed with the same vectors when it has one. */
    private static StainImages stainImages(PixelBuffer rgb, StainVectors vectors, float[] hematoxylin) {
        if (hematoxylin == null) {
            return ColorDeconvolution.deconvolve(rgb, vectors);
        }
        int n = rgb.width() * rgb.height();
        float[] eosin = new float[n];
        float[] residual = new float[n];
        ColorDeconvolution.deconvolve(rgb, vectors, null, eosin, residual);
        return new StainImages(rgb.width(), rgb.height(), hematoxylin, eosin, residual);
    }
}
