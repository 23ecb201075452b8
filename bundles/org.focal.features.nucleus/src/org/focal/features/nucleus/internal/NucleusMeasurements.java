package org.focal.features.nucleus.internal;

import java.util.List;

import org.focal.features.StainLevels;
import org.focal.pathology.Nucleus;
import org.focal.pathology.TileAnalysis;

/**
 * Per-nucleus measurements from the label image of an analysed tile, defined as scikit-image's
 * {@code regionprops} defines them so that they can be checked against it:
 * <ul>
 * <li>area: pixel count times the pixel area;</li>
 * <li>perimeter: Benkrid-Crookes estimate over the 4-connected border pixels
 * ({@code skimage.measure.perimeter(image, 4)});</li>
 * <li>eccentricity, major and minor axis length: from the second central moments of the pixel
 * centres (inertia tensor eigenvalues l1 &gt;= l2: axes 4 sqrt(l), eccentricity sqrt(1 - l2/l1));</li>
 * <li>solidity: area / area of the convex hull, the hull of the pixels' edge midpoints, its area
 * counted as the pixel centres inside it (as {@code convex_hull_image}); exact integer arithmetic
 * (JTS's robust orientation test falls back to double-double arithmetic on the many collinear grid
 * points and was the largest cost of this extractor);</li>
 * <li>circularity 4 pi area / perimeter^2 (not clamped; NaN for a zero perimeter);</li>
 * <li>mean and std (population) of hematoxylin OD, mean eosin OD;</li>
 * <li>intra-nucleus texture: GLCM contrast of hematoxylin quantised as {@link StainLevels},
 * distance 1, pixel pairs inside the nucleus, the four angles averaged.</li>
 * </ul>
 * One pass over the region's label image gathers moments, sums, border codes and pixel pairs for all
 * nuclei at once; a second pass over each nucleus's bounding box gives the row extents for the hull.
 */
public final class NucleusMeasurements {

    /** Measure names (feature-name stems after "nucleus."), in the order of {@link #values}. */
    public static final String[] MEASURES = {"area", "perimeter", "eccentricity", "axis.major", "axis.minor", "solidity",
        "circularity", "h.mean", "h.std", "e.mean", "h.glcm.contrast"};

    public static final int AREA = 0, PERIMETER = 1, ECCENTRICITY = 2, MAJOR = 3, MINOR = 4, SOLIDITY = 5, CIRCULARITY = 6,
            H_MEAN = 7, H_STD = 8, E_MEAN = 9, H_CONTRAST = 10;

    /** Benkrid-Crookes weights of the border codes 1 + 2 (4-neighbours) + 10 (diagonal neighbours). */
    private static final double[] PERIMETER_WEIGHTS = new double[50];

    static {
        for (int code : new int[] {5, 7, 15, 17, 25, 27}) {
            PERIMETER_WEIGHTS[code] = 1;
        }
        PERIMETER_WEIGHTS[21] = PERIMETER_WEIGHTS[33] = Math.sqrt(2);
        PERIMETER_WEIGHTS[13] = PERIMETER_WEIGHTS[23] = (1 + Math.sqrt(2)) / 2;
    }

    private final int count;
    private final int[] labels;
    private final double[][] values;

    private NucleusMeasurements(int count, int[] labels, double[][] values) {
        this.count = count;
        this.labels = labels;
        this.values = values;
    }

    /** Number of measured nuclei (those of {@link TileAnalysis#nuclei()} that have pixels in the label image). */
    public int count() {
        return count;
    }

    /** The label of measured nucleus {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** {@code values()[measure][i]}: measure of nucleus {@code i} (first {@link #count()} entries valid). */
    public double[][] values() {
        return values;
    }

    public static NucleusMeasurements measure(TileAnalysis tile) {
        List<Nucleus> nuclei = tile.nuclei();
        int[] lab = tile.labels();
        int w = tile.width(), h = tile.height();
        int maxLabel = 0;
        for (Nucleus nu : nuclei) {
            maxLabel = Math.max(maxLabel, nu.label());
        }
        int[] index = new int[maxLabel + 1]; // label -> 1 + slot; 0 = not one of the tile's nuclei
        int slots = 0;
        for (Nucleus nu : nuclei) {
            if (nu.label() > 0 && index[nu.label()] == 0) {
                index[nu.label()] = ++slots;
            }
        }
        Accumulators acc = new Accumulators(slots);
        float[] hema = tile.stains().hematoxylin();
        float[] eosin = tile.stains().eosin();
        // pass 1: grey level and border flag of every pixel of the tile's nuclei
        byte[] levels = new byte[w * h];
        byte[] border = new byte[w * h];
        for (int y = 0; y < h; y++) {
            flagRow(y, lab, hema, w, h, index, maxLabel, levels, border);
        }
        // pass 2: runs of one label along each row, summed in locals and added once per run
        for (int y = 0; y < h; y++) {
            accumulateRow(y, lab, hema, eosin, levels, border, w, h, index, maxLabel, acc);
        }
        int[] convexPixels = convexAreas(lab, w, acc, index, maxLabel);
        double px = tile.pixelSizeUm();
        double[][] v = new double[MEASURES.length][slots];
        int[] slotLabels = new int[slots];
        for (int label = 1; label <= maxLabel; label++) {
            if (index[label] != 0) {
                slotLabels[index[label] - 1] = label;
            }
        }
        int n = 0;
        for (int k = 0; k < slots; k++) {
            long c = acc.count[k];
            if (c == 0) {
                continue; // listed but without pixels: not measurable
            }
            slotLabels[n] = slotLabels[k];
            double mx = acc.sx[k] / (double) c, my = acc.sy[k] / (double) c;
            double vxx = acc.sxx[k] / (double) c - mx * mx;
            double vyy = acc.syy[k] / (double) c - my * my;
            double vxy = acc.sxy[k] / (double) c - mx * my;
            double half = (vxx + vyy) / 2, root = Math.sqrt((vxx - vyy) * (vxx - vyy) / 4 + vxy * vxy);
            double l1 = half + root, l2 = Math.max(0, half - root);
            double area = c * px * px;
            double perimeter = acc.perimeter[k] * px;
            v[AREA][n] = area;
            v[PERIMETER][n] = perimeter;
            v[ECCENTRICITY][n] = l1 == 0 ? 0 : Math.sqrt(1 - l2 / l1);
            v[MAJOR][n] = 4 * Math.sqrt(l1) * px;
            v[MINOR][n] = 4 * Math.sqrt(l2) * px;
            v[SOLIDITY][n] = c / (double) convexPixels[k];
            v[CIRCULARITY][n] = perimeter > 0 ? 4 * Math.PI * area / (perimeter * perimeter) : Double.NaN;
            double hMean = acc.sh[k] / c;
            v[H_MEAN][n] = hMean;
            v[H_STD][n] = Math.sqrt(Math.max(0, acc.shh[k] / c - hMean * hMean));
            v[E_MEAN][n] = acc.se[k] / c;
            v[H_CONTRAST][n] = acc.contrast(k);
            n++;
        }
        return new NucleusMeasurements(n, slotLabels, v);
    }

    private static void flagRow(int y, int[] lab, float[] hema, int w, int h, int[] index, int maxLabel, byte[] levels,
            byte[] border) {
        for (int x = 0, p = y * w; x < w; x++, p++) {
            int label = lab[p];
            if (label > 0 && label <= maxLabel && index[label] != 0) {
                levels[p] = (byte) StainLevels.level(hema[p]);
                border[p] = (byte) (isBorder(lab, w, h, x, y, label) ? 1 : 0);
            }
        }
    }

    private static void accumulateRow(int y, int[] lab, float[] hema, float[] eosin, byte[] levels, byte[] border, int w, int h,
            int[] index, int maxLabel, Accumulators acc) {
        int row = y * w;
        boolean below = y + 1 < h;
        int x = 0;
        while (x < w) {
            int label = lab[row + x];
            if (label <= 0 || label > maxLabel || index[label] == 0) {
                x++;
                continue;
            }
            int start = x;
            double sh = 0, shh = 0, se = 0, perimeter = 0, d45 = 0, d90 = 0, d135 = 0;
            int n45 = 0, n90 = 0, n135 = 0;
            do {
                int p = row + x;
                float hv = hema[p];
                sh += hv;
                shh += (double) hv * hv;
                se += eosin[p];
                if (border[p] != 0) {
                    perimeter += PERIMETER_WEIGHTS[borderCode(lab, border, w, h, x, y, label)];
                }
                if (below) {
                    int level = levels[p];
                    if (x + 1 < w && lab[p + w + 1] == label) {
                        int d = level - levels[p + w + 1];
                        d45 += d * d;
                        n45++;
                    }
                    if (lab[p + w] == label) {
                        int d = level - levels[p + w];
                        d90 += d * d;
                        n90++;
                    }
                    if (x > 0 && lab[p + w - 1] == label) {
                        int d = level - levels[p + w - 1];
                        d135 += d * d;
                        n135++;
                    }
                }
                x++;
            } while (x < w && lab[row + x] == label);
            double d0 = 0;
            for (int p = row + start; p < row + x - 1; p++) {
                int d = levels[p] - levels[p + 1];
                d0 += d * d;
            }
            int k = index[label] - 1;
            acc.addRun(k, y, start, x - start, sh, shh, se, perimeter);
            acc.pairs(k, 0, d0, x - start - 1);
            acc.pairs(k, 1, d45, n45);
            acc.pairs(k, 2, d90, n90);
            acc.pairs(k, 3, d135, n135);
        }
    }

    private static boolean isBorder(int[] lab, int w, int h, int x, int y, int label) {
        int p = y * w + x;
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || lab[p - 1] != label || lab[p + 1] != label
                || lab[p - w] != label || lab[p + w] != label;
    }

    private static boolean isBorderOf(int[] lab, byte[] border, int w, int h, int x, int y, int label) {
        return x >= 0 && y >= 0 && x < w && y < h && lab[y * w + x] == label && border[y * w + x] != 0;
    }

    /** 1 + 2 x (border 4-neighbours) + 10 x (border diagonal neighbours) of the same nucleus. */
    private static int borderCode(int[] lab, byte[] border, int w, int h, int x, int y, int label) {
        int code = 1;
        code += isBorderOf(lab, border, w, h, x - 1, y, label) ? 2 : 0;
        code += isBorderOf(lab, border, w, h, x + 1, y, label) ? 2 : 0;
        code += isBorderOf(lab, border, w, h, x, y - 1, label) ? 2 : 0;
        code += isBorderOf(lab, border, w, h, x, y + 1, label) ? 2 : 0;
        code += isBorderOf(lab, border, w, h, x - 1, y - 1, label) ? 10 : 0;
        code += isBorderOf(lab, border, w, h, x + 1, y - 1, label) ? 10 : 0;
        code += isBorderOf(lab, border, w, h, x - 1, y + 1, label) ? 10 : 0;
        code += isBorderOf(lab, border, w, h, x + 1, y + 1, label) ? 10 : 0;
        return code;
    }

    /**
     * Pixel count of each nucleus's convex hull, as scikit-image's {@code convex_hull_image}: the hull
     * of the edge midpoints of each row's first and last pixel, then the pixel centres inside it
     * (boundary included). Exact integer arithmetic on doubled coordinates (midpoints are
     * half-integers): Andrew's monotone chain, then per pixel row the crossing of every hull edge as
     * a fraction, rounded inwards with floor/ceil division.
     */
    private static int[] convexAreas(int[] lab, int w, Accumulators acc, int[] index, int maxLabel) {
        int slots = acc.count.length;
        int[] result = new int[slots];
        int maxRows = 0;
        for (int k = 0; k < slots; k++) {
            maxRows = Math.max(maxRows, acc.maxY[k] - acc.minY[k] + 1);
        }
        long[] keys = new long[6 * Math.max(1, maxRows)];
        long[] hull = new long[keys.length + 1];
        for (int k = 0; k < slots; k++) {
            if (acc.count[k] == 0) {
                continue;
            }
            int np = 0;
            for (int y = acc.minY[k]; y <= acc.maxY[k]; y++) {
                int first = -1, last = -1;
                for (int x = acc.minX[k], p = y * w + x; x <= acc.maxX[k]; x++, p++) {
                    int l = lab[p];
                    if (l > 0 && l <= maxLabel && index[l] == k + 1) {
                        if (first < 0) {
                            first = x;
                        }
                        last = x;
                    }
                }
                if (first < 0) {
                    continue;
                }
                // (X, Y) = 2 x (x, y), packed Y-major so that sorting orders by Y, then X
                keys[np++] = pack(2 * first - 1, 2 * y);
                keys[np++] = pack(2 * first, 2 * y - 1);
                keys[np++] = pack(2 * first, 2 * y + 1);
                keys[np++] = pack(2 * last + 1, 2 * y);
                keys[np++] = pack(2 * last, 2 * y - 1);
                keys[np++] = pack(2 * last, 2 * y + 1);
            }
            int nh = monotoneChain(keys, np, hull);
            result[k] = pixelCentresInside(hull, nh, acc.minY[k], acc.maxY[k]);
        }
        return result;
    }

    private static final long OFFSET = 1L << 30;

    private static long pack(int x, int y) {
        return ((y + OFFSET) << 32) | (x + OFFSET);
    }

    private static long px(long key) {
        return (key & 0xFFFFFFFFL) - OFFSET;
    }

    private static long py(long key) {
        return (key >>> 32) - OFFSET;
    }

    /** Convex hull (counter-clockwise, closed: last = first) of packed points; returns the vertex count + 1. */
    static int monotoneChain(long[] pts, int n, long[] hull) {
        java.util.Arrays.sort(pts, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) { // lower chain
            if (i > 0 && pts[i] == pts[i - 1]) {
                continue;
            }
            while (m >= 2 && cross(hull[m - 2], hull[m - 1], pts[i]) <= 0) {
                m--;
            }
            hull[m++] = pts[i];
        }
        for (int i = n - 2, lower = m + 1; i >= 0; i--) { // upper chain
            if (pts[i] == pts[i + 1]) {
                continue;
            }
            while (m >= lower && cross(hull[m - 2], hull[m - 1], pts[i]) <= 0) {
                m--;
            }
            hull[m++] = pts[i];
        }
        return m; // hull[m - 1] == hull[0]
    }

    private static long cross(long o, long a, long b) {
        return (px(a) - px(o)) * (py(b) - py(o)) - (py(a) - py(o)) * (px(b) - px(o));
    }

    /** Pixel centres (x, y), y in [minY, maxY], inside or on a closed hull in doubled coordinates. */
    static int pixelCentresInside(long[] hull, int n, int minY, int maxY) {
        int total = 0;
        for (int y = minY; y <= maxY; y++) {
            long yy = 2L * y;
            long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                long xa = px(hull[i]), ya = py(hull[i]), xb = px(hull[i + 1]), yb = py(hull[i + 1]);
                if (ya == yb) {
                    if (ya == yy) {
                        lo = Math.min(lo, Math.ceilDiv(Math.min(xa, xb), 2));
                        hi = Math.max(hi, Math.floorDiv(Math.max(xa, xb), 2));
                    }
                    continue;
                }
                if (yy < Math.min(ya, yb) || yy > Math.max(ya, yb)) {
                    continue;
                }
                long den = yb - ya, num = xa * den + (xb - xa) * (yy - ya); // crossing X = num / den
                if (den < 0) {
                    den = -den;
                    num = -num;
                }
                lo = Math.min(lo, Math.ceilDiv(num, 2 * den));
                hi = Math.max(hi, Math.floorDiv(num, 2 * den));
            }
            if (hi >= lo) {
                total += (int) (hi - lo + 1);
            }
        }
        return total;
    }

    /** Per-nucleus sums, one slot per nucleus, primitive arrays (no objects per pixel or nucleus). */
    private static final class Accumulators {
        final long[] count, sx, sy, sxx, syy, sxy;
        final double[] sh, shh, se, perimeter;
        final int[] minX, maxX, minY, maxY;
        final double[] pairSum; // [slot * 4 + angle]
        final int[] pairCount;

        Accumulators(int n) {
            count = new long[n];
            sx = new long[n];
            sy = new long[n];
            sxx = new long[n];
            syy = new long[n];
            sxy = new long[n];
            sh = new double[n];
            shh = new double[n];
            se = new double[n];
            perimeter = new double[n];
            minX = new int[n];
            maxX = new int[n];
            minY = new int[n];
            maxY = new int[n];
            java.util.Arrays.fill(minX, Integer.MAX_VALUE);
            java.util.Arrays.fill(minY, Integer.MAX_VALUE);
            java.util.Arrays.fill(maxX, -1);
            java.util.Arrays.fill(maxY, -1);
            pairSum = new double[4 * n];
            pairCount = new int[4 * n];
        }

        /** A run of {@code n} pixels of nucleus {@code k} in row {@code y} from column {@code x0}, with its sums. */
        void addRun(int k, int y, int x0, int n, double sumH, double sumHH, double sumE, double perim) {
            long x1 = x0 + n - 1;
            long sumX = (long) n * x0 + (long) n * (n - 1) / 2;
            long sumXX = squares(x1) - squares(x0 - 1L);
            count[k] += n;
            sx[k] += sumX;
            sy[k] += (long) y * n;
            sxx[k] += sumXX;
            syy[k] += (long) y * y * n;
            sxy[k] += y * sumX;
            sh[k] += sumH;
            shh[k] += sumHH;
            se[k] += sumE;
            perimeter[k] += perim;
            minX[k] = Math.min(minX[k], x0);
            maxX[k] = Math.max(maxX[k], (int) x1);
            minY[k] = Math.min(minY[k], y);
            maxY[k] = y; // rows are visited in order
        }

        /** 0^2 + 1^2 + ... + m^2 (0 for m &lt; 1). */
        private static long squares(long m) {
            return m < 1 ? 0 : m * (m + 1) * (2 * m + 1) / 6;
        }

        void pairs(int k, int angle, double sumSquares, int n) {
            pairSum[4 * k + angle] += sumSquares;
            pairCount[4 * k + angle] += n;
        }

        /** GLCM contrast averaged over the angles that have pairs; NaN when none has. */
        double contrast(int k) {
            double sum = 0;
            int angles = 0;
            for (int a = 0; a < 4; a++) {
                if (pairCount[4 * k + a] > 0) {
                    sum += pairSum[4 * k + a] / pairCount[4 * k + a];
                    angles++;
                }
            }
            return angles == 0 ? Double.NaN : sum / angles;
        }
    }
}
