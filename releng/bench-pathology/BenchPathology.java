import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.features.nucleus.internal.NucleusFeatures;
import org.focal.features.spatial.internal.SpatialFeatures;
import org.focal.features.tile.internal.TileFeatures;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter.TileSegmentation;
import org.focal.pathology.StainImages;
import org.focal.pathology.StainVectors;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.pathology.internal.ClassicalNucleusSegmenter;
import org.focal.pathology.internal.ClassicalNucleusSegmenter.StageTimes;

/**
 * Per-tile pipeline benchmark on 512 x 512 tiles cut from images: colour deconvolution, nucleus
 * segmentation and the three feature groups (tile texture, nucleus morphology, spatial).
 * BenchPathology ROUNDS IMAGE.tif... ; prints per-stage medians and tiles/s for 1 and 2 threads.
 * Tiles: the four corners of each image (x, y in {0, W-512}). Stain vectors: Ruifrok (fixed, as
 * skimage's rgb2hed), threshold: Otsu per tile, like the scikit-image counterpart. The tile is its
 * own region (no margin), as on the scikit-image side.
 */
public final class BenchPathology {

    static final double UM = 0.2527;
    static final NucleusParameters PARAMS = NucleusParameters.defaults().withStains(StainVectors.HE_RUIFROK);
    static final ClassicalNucleusSegmenter SEGMENTER = new ClassicalNucleusSegmenter();
    static final TileFeatureExtractor[] FEATURES = {new TileFeatures(), new NucleusFeatures(), new SpatialFeatures()};

    /** Nanoseconds per stage: deconvolution, segmentation, tile texture, nucleus morphology, spatial. */
    static final String[] STAGES = {"deconvolution", "segmentation", "tile-texture", "nucleus-morphology", "spatial"};
    static volatile double sink;

    static final String[] SEGMENTATION = {"smoothing", "threshold+fill", "distance", "markers", "watershed+sizes", "outlines"};

    /** The whole per-tile pipeline; adds stage times when {@code ns} is given. Returns the number of nuclei. */
    static int process(PixelBuffer tile, StageTimes seg, long[] ns) {
        long t0 = System.nanoTime();
        TileSegmentation s = SEGMENTER.segment(tile, 0, 0, UM, PARAMS, seg);
        long t1 = System.nanoTime();
        // the segmenter deconvolves hematoxylin only; the features need eosin too
        StainImages stains = ColorDeconvolution.deconvolve(tile, StainVectors.HE_RUIFROK);
        TileAnalysis a = new TileAnalysis(tile, stains, s.labels(), 0, 0, tile.width(), tile.height(), s.nuclei(), UM);
        long t2 = System.nanoTime();
        long[] t = new long[FEATURES.length + 1];
        t[0] = t2;
        double check = 0;
        for (int k = 0; k < FEATURES.length; k++) {
            double[] v = FEATURES[k].extract(a);
            check += v[0];
            t[k + 1] = System.nanoTime();
        }
        if (ns != null) {
            ns[0] += t2 - t1;
            ns[1] += t1 - t0; // the segmenter's own deconvolution is moved to stage 0 by the caller
            for (int k = 0; k < FEATURES.length; k++) {
                ns[2 + k] += t[k + 1] - t[k];
            }
        }
        sink += check; // keeps the results alive
        return s.nuclei().size();
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<PixelBuffer> tiles = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            BufferedImage img = ImageIO.read(new File(args[i]));
            for (int y : new int[] {0, img.getHeight() - 512}) {
                for (int x : new int[] {0, img.getWidth() - 512}) {
                    int[] argb = img.getRGB(x, y, 512, 512, null, 0, 512);
                    byte[] px = new byte[512 * 512 * 3];
                    for (int k = 0; k < argb.length; k++) {
                        px[3 * k] = (byte) (argb[k] >> 16);
                        px[3 * k + 1] = (byte) (argb[k] >> 8);
                        px[3 * k + 2] = (byte) argb[k];
                    }
                    tiles.add(new PixelBuffer(512, 512, 3, PixelType.UINT8, px));
                }
            }
        }
        // warm-up (JIT) on all tiles, three times
        for (int r = 0; r < 3; r++) {
            for (PixelBuffer t : tiles) {
                process(t, null, null);
            }
        }
        double[][] stage = new double[STAGES.length][rounds];
        double[][] segStage = new double[SEGMENTATION.length][rounds];
        double[] single = new double[rounds];
        double[] dual = new double[rounds];
        long nuclei = 0;
        for (int r = 0; r < rounds; r++) {
            StageTimes seg = new StageTimes();
            long[] ns = new long[STAGES.length];
            long t0 = System.nanoTime();
            nuclei = 0;
            for (PixelBuffer t : tiles) {
                nuclei += process(t, seg, ns);
            }
            single[r] = tiles.size() / ((System.nanoTime() - t0) / 1e9);
            ns[0] += seg.deconvolution;
            ns[1] -= seg.deconvolution;
            long[] segNs = {seg.smoothing, seg.threshold, seg.distance, seg.markers, seg.watershed, seg.outlines};
            for (int k = 0; k < STAGES.length; k++) {
                stage[k][r] = ns[k] / 1e6 / tiles.size();
            }
            for (int k = 0; k < SEGMENTATION.length; k++) {
                segStage[k][r] = segNs[k] / 1e6 / tiles.size();
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            long t1 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (PixelBuffer t : tiles) {
                fs.add(pool.submit(() -> process(t, null, null)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            dual[r] = tiles.size() / ((System.nanoTime() - t1) / 1e9);
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "focal tiles=%d nuclei_per_tile=%.1f rounds=%d%n", tiles.size(), nuclei / (double) tiles.size(), rounds);
        double total = 0;
        for (int k = 0; k < STAGES.length; k++) {
            double m = median(stage[k]);
            total += m;
            System.out.printf(Locale.ROOT, "focal stage %-18s %8.2f ms/tile (rounds: %s)%n", STAGES[k], m, spread(stage[k]));
            if (k == 1) {
                for (int j = 0; j < SEGMENTATION.length; j++) {
                    System.out.printf(Locale.ROOT, "focal   segmentation %-16s %8.2f ms/tile%n", SEGMENTATION[j], median(segStage[j]));
                }
            }
        }
        System.out.printf(Locale.ROOT, "focal stage %-18s %8.2f ms/tile%n", "total", total);
        System.out.printf(Locale.ROOT, "focal 1 thread  %8.2f tiles/s (%.2f per core) rounds: %s%n", median(single), median(single), spread(single));
        System.out.printf(Locale.ROOT, "focal 2 threads %8.2f tiles/s (%.2f per core) rounds: %s%n", median(dual), median(dual) / 2, spread(dual));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** min..max over the rounds, to show the noise. */
    static String spread(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2f..%.2f", s[0], s[s.length - 1]);
    }
}
