package org.focal.features.tile.internal;

import java.util.ArrayList;
import java.util.List;

import org.focal.features.FeatureGroup;
import org.focal.features.StainLevels;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.osgi.service.component.annotations.Component;

/**
 * Whole-tile features of the hematoxylin (H) and eosin (E) optical-density images, over the tile
 * (the core of the analysed region):
 * <ul>
 * <li>{@code tile.h|e.mean|std|p10|p50|p90}: intensity statistics (population std; percentiles
 * read from a 1/1024-OD histogram, linearly interpolated inside the bin);</li>
 * <li>{@code tile.h.glcm.contrast|correlation|energy|asm|homogeneity|entropy}: Haralick texture of H
 * quantised into 32 levels over the fixed range 0..1.5 OD ({@link StainLevels}), distance 1, four
 * angles averaged, symmetric and normalised;</li>
 * <li>{@code tile.h.lbp.0..9}: normalised histogram of uniform LBP codes (P = 8, R = 1) of H;</li>
 * <li>{@code tile.h.gradient.mean|std|p90}: Sobel gradient magnitude of H as scikit-image's
 * {@code filters.sobel} (kernels /4, magnitude sqrt((gx^2 + gy^2) / 2), edge pixels repeated at the
 * region border; the margin is used where there is one);</li>
 * <li>{@code tile.h.positive.fraction}, {@code tile.e.positive.fraction}: fraction of the tile with
 * H &gt;= 0.4 OD, resp. E &gt;= 0.2 OD; {@code tile.h.regions.per_mm2} and
 * {@code tile.h.regions.area.mean} (um^2): 8-connected H-positive regions in the tile.</li>
 * </ul>
 */
@Component(service = TileFeatureExtractor.class, property = "focal.features=tile")
public final class TileFeatures extends FeatureGroup {

    /** Hematoxylin optical density above which a pixel counts as H-positive (nuclear stain). */
    static final float H_POSITIVE_OD = 0.4f;
    /** Eosin optical density above which a pixel counts as E-positive (cytoplasm, stroma). */
    static final float E_POSITIVE_OD = 0.2f;

    private static final int OD_BINS = 4096;
    private static final float OD_BINS_PER_UNIT = 1024f; // histogram of 0..4 OD
    private static final int GRADIENT_BINS = 4096;
    private static final float GRADIENT_BINS_PER_UNIT = 2048f; // 0..2 OD per pixel

    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String stain : new String[] {"h", "e"}) {
            for (String s : org.focal.features.Summary.STATS) {
                n.add("tile." + stain + "." + s);
            }
        }
        for (String s : Cooccurrence.NAMES) {
            n.add("tile.h.glcm." + s);
        }
        for (int k = 0; k < LocalBinaryPatterns.BINS; k++) {
            n.add("tile.h.lbp." + k);
        }
        n.add("tile.h.gradient.mean");
        n.add("tile.h.gradient.std");
        n.add("tile.h.gradient.p90");
        n.add("tile.h.positive.fraction");
        n.add("tile.e.positive.fraction");
        n.add("tile.h.regions.per_mm2");
        n.add("tile.h.regions.area.mean");
        return List.copyOf(n);
    }

    public TileFeatures() {
        super("tile", "Tile H&E intensity, texture, gradient and stained regions", NAMES);
    }

    @Override
    public double[] extract(TileAnalysis tile) {
        double[] out = new double[NAMES.size()];
        int w = tile.width();
        int x0 = tile.coreX(), y0 = tile.coreY(), cw = tile.coreWidth(), ch = tile.coreHeight();
        float[] hema = tile.stains().hematoxylin();
        float[] eosin = tile.stains().eosin();
        int k = 0;
        k = intensity(hema, w, x0, y0, cw, ch, out, k);
        k = intensity(eosin, w, x0, y0, cw, ch, out, k);
        byte[] levels = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            int src = (y0 + y) * w + x0;
            for (int x = 0; x < cw; x++) {
                levels[y * cw + x] = (byte) StainLevels.level(hema[src + x]);
            }
        }
        Cooccurrence.properties(levels, cw, ch, out, k);
        k += Cooccurrence.NAMES.length;
        LocalBinaryPatterns.histogram(hema, w, tile.height(), x0, y0, cw, ch, out, k);
        k += LocalBinaryPatterns.BINS;
        k = gradient(hema, w, tile.height(), x0, y0, cw, ch, out, k);
        stainedRegions(tile, hema, eosin, levels, out, k);
        return out;
    }

    /** mean, std, p10, p50, p90 of the tile's part of a region image. */
    private static int intensity(float[] img, int w, int x0, int y0, int cw, int ch, double[] out, int k) {
        int[] hist = new int[OD_BINS];
        double sum = 0, sum2 = 0;
        for (int y = y0; y < y0 + ch; y++) {
            for (int i = y * w + x0, end = i + cw; i < end; i++) {
                float v = img[i];
                sum += v;
                sum2 += (double) v * v;
                hist[Math.min(OD_BINS - 1, (int) (v * OD_BINS_PER_UNIT))]++;
            }
        }
        return summary(hist, OD_BINS_PER_UNIT, (long) cw * ch, sum, sum2, out, k, true);
    }

    private static int summary(int[] hist, float binsPerUnit, long n, double sum, double sum2, double[] out, int k,
            boolean allPercentiles) {
        double mean = sum / n;
        out[k++] = mean;
        out[k++] = Math.sqrt(Math.max(0, sum2 / n - mean * mean));
        if (allPercentiles) {
            out[k++] = percentile(hist, binsPerUnit, n, 10);
            out[k++] = percentile(hist, binsPerUnit, n, 50);
        }
        out[k++] = percentile(hist, binsPerUnit, n, 90);
        return k;
    }

    /**
     * numpy-style linear percentile from a histogram: the rank q (n - 1) / 100 is found in its bin,
     * values assumed evenly spread inside the bin (error below one bin width).
     */
    static double percentile(int[] hist, float binsPerUnit, long n, double q) {
        double rank = q / 100 * (n - 1) + 0.5; // position of the sample's centre among n unit-wide slots
        long below = 0;
        for (int b = 0; b < hist.length; b++) {
            if (hist[b] > 0 && below + hist[b] >= rank) {
                return (b + (rank - below) / hist[b]) / binsPerUnit;
            }
            below += hist[b];
        }
        return (hist.length) / binsPerUnit;
    }

    /** Sobel gradient magnitude statistics of the tile (mean, std, p90). */
    private static int gradient(float[] img, int w, int h, int x0, int y0, int cw, int ch, double[] out, int k) {
        int[] hist = new int[GRADIENT_BINS];
        double sum = 0, sum2 = 0;
        // one row at a time, padded by the edge value each side (scipy's 'reflect' at the region border)
        float[] up = new float[cw + 2], mid = new float[cw + 2], down = new float[cw + 2], mag = new float[cw];
        for (int y = y0; y < y0 + ch; y++) {
            padRow(img, w, Math.max(0, y - 1), x0, cw, up);
            padRow(img, w, y, x0, cw, mid);
            padRow(img, w, Math.min(h - 1, y + 1), x0, cw, down);
            for (int c = 0; c < cw; c++) {
                float gx = ((up[c + 2] - up[c]) + 2 * (mid[c + 2] - mid[c]) + (down[c + 2] - down[c])) * 0.25f;
                float gy = ((down[c] - up[c]) + 2 * (down[c + 1] - up[c + 1]) + (down[c + 2] - up[c + 2])) * 0.25f;
                mag[c] = (float) Math.sqrt((gx * gx + gy * gy) * 0.5f);
            }
            for (int c = 0; c < cw; c++) {
                float m = mag[c];
                sum += m;
                sum2 += (double) m * m;
                hist[Math.min(GRADIENT_BINS - 1, (int) (m * GRADIENT_BINS_PER_UNIT))]++;
            }
        }
        return summary(hist, GRADIENT_BINS_PER_UNIT, (long) cw * ch, sum, sum2, out, k, false);
    }

    /** Columns x0-1 .. x0+cw of row y, edge pixels repeated outside the image. */
    private static void padRow(float[] img, int w, int y, int x0, int cw, float[] row) {
        int start = Math.max(0, x0 - 1), end = Math.min(w, x0 + cw + 1);
        System.arraycopy(img, y * w + start, row, start - (x0 - 1), end - start);
        if (x0 == 0) {
            row[0] = img[y * w];
        }
        if (x0 + cw == w) {
            row[cw + 1] = img[y * w + w - 1];
        }
    }

    /** H- and E-positive fractions, and the 8-connected H-positive regions per mm^2 and their mean area. */
    private static void stainedRegions(TileAnalysis tile, float[] hema, float[] eosin, byte[] scratch, double[] out, int k) {
        int w = tile.width(), cw = tile.coreWidth(), ch = tile.coreHeight();
        int n = cw * ch;
        byte[] mask = scratch; // reuse: the levels are no longer needed
        int hPositive = 0, ePositive = 0;
        for (int y = 0; y < ch; y++) {
            int src = (tile.coreY() + y) * w + tile.coreX();
            for (int x = 0; x < cw; x++) {
                boolean hp = hema[src + x] >= H_POSITIVE_OD;
                mask[y * cw + x] = (byte) (hp ? 1 : 0);
                hPositive += hp ? 1 : 0;
                ePositive += eosin[src + x] >= E_POSITIVE_OD ? 1 : 0;
            }
        }
        int regions = hPositive == 0 ? 0 : countRegions(mask, cw, ch);
        double um2 = tile.pixelSizeUm() * tile.pixelSizeUm();
        out[k] = hPositive / (double) n;
        out[k + 1] = ePositive / (double) n;
        out[k + 2] = regions / (n * um2 * 1e-6);
        out[k + 3] = regions == 0 ? Double.NaN : hPositive * um2 / regions;
    }

    /**
     * Number of 8-connected components of the 1-pixels: runs of each row joined (union-find) to the
     * runs of the row above that touch them, diagonally included.
     */
    static int countRegions(byte[] mask, int w, int h) {
        int[] parent = new int[(w + 1) / 2 * h + 1];
        int[] prevStart = new int[w / 2 + 1], prevEnd = new int[w / 2 + 1], prevId = new int[w / 2 + 1];
        int[] curStart = new int[w / 2 + 1], curEnd = new int[w / 2 + 1], curId = new int[w / 2 + 1];
        int runs = 0, unions = 0, prevCount = 0;
        for (int y = 0; y < h; y++) {
            int count = 0;
            int row = y * w;
            int x = 0;
            while (x < w) {
                if (mask[row + x] == 0) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < w && mask[row + x] != 0) {
                    x++;
                }
                curStart[count] = start;
                curEnd[count] = x - 1;
                curId[count] = runs;
                parent[runs] = runs;
                runs++;
                count++;
            }
            // join with the runs above that overlap [start - 1, end + 1]
            for (int i = 0, j = 0; i < count && j < prevCount;) {
                if (prevEnd[j] < curStart[i] - 1) {
                    j++;
                } else if (prevStart[j] > curEnd[i] + 1) {
                    i++;
                } else {
                    int a = find(parent, curId[i]), b = find(parent, prevId[j]);
                    if (a != b) {
                        parent[a] = b;
                        unions++;
                    }
                    if (prevEnd[j] < curEnd[i]) {
                        j++;
                    } else {
                        i++;
                    }
                }
            }
            int[] t = prevStart;
            prevStart = curStart;
            curStart = t;
            t = prevEnd;
            prevEnd = curEnd;
            curEnd = t;
            t = prevId;
            prevId = curId;
            curId = t;
            prevCount = count;
        }
        return runs - unions;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
