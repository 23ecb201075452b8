package org.focal.pathology.slide;

import java.io.IOException;
import java.util.ArrayDeque;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.pathology.ColorDeconvolution;

/**
 * Automatic tissue detection on a low-resolution overview of an H&amp;E slide: a pixel is tissue
 * when it absorbs light (summed RGB optical density above {@link #TISSUE_OD}) and is not pen ink
 * (green or blue marker, near-black ink) ; the mask is then smoothed (majority of the 3 x 3
 * neighbourhood) and specks smaller than {@link #MIN_COMPONENT_FRACTION} of the tissue are dropped.
 * A fixed optical-density threshold rather than Otsu because patches that are all tissue (no
 * glass) must stay whole: Otsu would split their tissue in two.
 */
public final class TissueDetector {

    /** Summed R+G+B optical density above which a pixel absorbs enough to be tissue (glass is ~0.05-0.15). */
    public static final float TISSUE_OD = 0.2f;
    /** Longest side of the overview the mask is computed on. */
    public static final int OVERVIEW_SIZE = 1024;
    /** Connected tissue pieces smaller than this fraction of all tissue are dust or debris. */
    static final double MIN_COMPONENT_FRACTION = 0.002;

    private TissueDetector() {
    }

    /** Detects the tissue of the whole image (plane 0). */
    public static TissueMask.Raster detect(ImageSource source) throws IOException {
        ImageMetadata m = source.metadata();
        double downsample = Math.max(1.0, Math.max(m.width(), m.height()) / (double) OVERVIEW_SIZE);
        PixelBuffer overview = source.read(new RegionRequest(0, 0, m.width(), m.height(), downsample, 0, 0));
        return detect(overview, downsample);
    }

    /** Tissue mask of an 8-bit RGB overview taken at {@code downsample}. */
    public static TissueMask.Raster detect(PixelBuffer overview, double downsample) {
        int w = overview.width();
        int h = overview.height();
        byte[] p = (byte[]) overview.data();
        boolean[] raw = new boolean[w * h];
        for (int i = 0, j = 0; i < raw.length; i++, j += 3) {
            int r = p[j] & 0xFF;
            int g = p[j + 1] & 0xFF;
            int b = p[j + 2] & 0xFF;
            float od = ColorDeconvolution.opticalDensity(r) + ColorDeconvolution.opticalDensity(g)
                    + ColorDeconvolution.opticalDensity(b);
            raw[i] = od > TISSUE_OD && !isInk(r, g, b);
        }
        boolean[] smooth = majority(raw, w, h);
        removeSmallComponents(smooth, w, h);
        return new TissueMask.Raster(w, h, downsample, smooth);
    }

    /**
     * Marker ink seen on slides: green (eosin and hematoxylin both absorb green, so stained tissue
     * always has G below R), blue (blue far above red with little red, darker than hematoxylin's
     * purple) and black (every channel dark).
     */
    static boolean isInk(int r, int g, int b) {
        boolean green = g > r + 10 && g >= b - 10;
        boolean blue = b > r + 60 && r < 90;
        boolean black = r < 45 && g < 45 && b < 45;
        return green || blue || black;
    }

    private static boolean[] majority(boolean[] mask, int w, int h) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int on = 0;
                int all = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx >= 0 && xx < w) {
                            all++;
                            on += mask[yy * w + xx] ? 1 : 0;
                        }
                    }
                }
                out[y * w + x] = 2 * on > all;
            }
        }
        return out;
    }

    private static void removeSmallComponents(boolean[] mask, int w, int h) {
        int total = 0;
        for (boolean b : mask) {
            total += b ? 1 : 0;
        }
        int minSize = (int) Math.ceil(total * MIN_COMPONENT_FRACTION);
        int[] component = new int[mask.length];
        int[] members = new int[mask.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || component[start] != 0) {
                continue;
            }
            next++;
            int size = 0;
            component[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                members[size++] = i;
                int x = i % w;
                int y = i / w;
                if (x > 0) {
                    visit(mask, component, queue, i - 1, next);
                }
                if (x < w - 1) {
                    visit(mask, component, queue, i + 1, next);
                }
                if (y > 0) {
                    visit(mask, component, queue, i - w, next);
                }
                if (y < h - 1) {
                    visit(mask, component, queue, i + w, next);
                }
            }
            if (size < minSize) {
                for (int k = 0; k < size; k++) {
                    mask[members[k]] = false;
                }
            }
        }
    }

    private static void visit(boolean[] mask, int[] component, ArrayDeque<Integer> queue, int i, int id) {
        if (mask[i] && component[i] == 0) {
            component[i] = id;
            queue.add(i);
        }
    }
}
