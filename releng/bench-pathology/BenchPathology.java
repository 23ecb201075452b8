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
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter.TileSegmentation;
import org.focal.pathology.StainVectors;
import org.focal.pathology.internal.ClassicalNucleusSegmenter;
import org.focal.pathology.internal.ClassicalNucleusSegmenter.StageTimes;

/**
 * Per-tile pipeline benchmark (deconvolution + segmentation) on 512 x 512 tiles cut from images:
 * BenchPathology ROUNDS IMAGE.tif... ; prints per-stage medians and tiles/s for 1 and 2 threads.
 * Tiles: the four corners of each image (x, y in {0, W-512}). Stain vectors: Ruifrok (fixed, as
 * skimage's rgb2hed), threshold: Otsu per tile, like the scikit-image counterpart.
 */
public final class BenchPathology {

    static final double UM = 0.2527;

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
        ClassicalNucleusSegmenter seg = new ClassicalNucleusSegmenter();
        NucleusParameters p = NucleusParameters.defaults().withStains(StainVectors.HE_RUIFROK);
        // warm-up (JIT) on all tiles, three times
        for (int r = 0; r < 3; r++) {
            for (PixelBuffer t : tiles) {
                seg.segment(t, 0, 0, UM, p);
            }
        }
        String[] names = {"deconvolution", "smoothing", "threshold+fill", "distance", "markers", "watershed+sizes", "outlines"};
        double[][] stage = new double[names.length][rounds];
        double[] single = new double[rounds];
        double[] dual = new double[rounds];
        long nuclei = 0;
        for (int r = 0; r < rounds; r++) {
            StageTimes times = new StageTimes();
            long t0 = System.nanoTime();
            nuclei = 0;
            for (PixelBuffer t : tiles) {
                TileSegmentation s = seg.segment(t, 0, 0, UM, p, times);
                nuclei += s.nuclei().size();
                // hook: per-nucleus feature extraction would run here on s.labels() / s.hematoxylin()
            }
            single[r] = tiles.size() / ((System.nanoTime() - t0) / 1e9);
            long[] ns = {times.deconvolution, times.smoothing, times.threshold, times.distance, times.markers, times.watershed, times.outlines};
            for (int k = 0; k < names.length; k++) {
                stage[k][r] = ns[k] / 1e6 / tiles.size();
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            long t1 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (PixelBuffer t : tiles) {
                fs.add(pool.submit(() -> seg.segment(t, 0, 0, UM, p)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            dual[r] = tiles.size() / ((System.nanoTime() - t1) / 1e9);
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "focal tiles=%d nuclei_per_tile=%.1f rounds=%d%n", tiles.size(), nuclei / (double) tiles.size(), rounds);
        double total = 0;
        for (int k = 0; k < names.length; k++) {
            double m = median(stage[k]);
            total += m;
            System.out.printf(Locale.ROOT, "focal stage %-16s %8.2f ms/tile%n", names[k], m);
        }
        System.out.printf(Locale.ROOT, "focal stage %-16s %8.2f ms/tile%n", "total", total);
        System.out.printf(Locale.ROOT, "focal 1 thread  %8.2f tiles/s (%.2f per core)%n", median(single), median(single));
        System.out.printf(Locale.ROOT, "focal 2 threads %8.2f tiles/s (%.2f per core)%n", median(dual), median(dual) / 2);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
