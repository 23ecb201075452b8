package org.focal.features.tile.internal;

/**
 * Rotation-invariant uniform local binary patterns with P = 8 neighbours on a circle of radius 1,
 * computed exactly as scikit-image's {@code local_binary_pattern(image, 8, 1, 'uniform')}:
 * neighbours at offsets rounded to 5 decimals, bilinear interpolation with 0 outside the image,
 * bit set when neighbour - centre &gt;= 0, code = number of set bits for patterns with at most two
 * 0/1 transitions, else 9. The histogram counts the tile's pixels; neighbours come from the whole
 * region, so the margin around the tile is used where there is one.
 */
final class LocalBinaryPatterns {

    static final int BINS = 10;

    /** Offset 0.70711 = round(sin(pi/4), 5), as scikit-image rounds it. */
    private static final double D = 0.70711;

    /** Uniform code of each 8-bit pattern (bit i = neighbour i). */
    private static final byte[] CODE = new byte[256];

    static {
        for (int p = 0; p < 256; p++) {
            int changes = 0;
            for (int i = 0; i < 7; i++) {
                changes += ((p >> i) & 1) != ((p >> (i + 1)) & 1) ? 1 : 0;
            }
            CODE[p] = (byte) (changes <= 2 ? Integer.bitCount(p) : 9);
        }
    }

    private LocalBinaryPatterns() {
    }

    /**
     * Normalised 10-bin histogram of the codes of the pixels in [x0, x0 + cw) x [y0, y0 + ch) of a
     * {@code w x h} image, written into {@code out} from {@code offset}.
     * <p>
     * scikit-image interpolates each diagonal neighbour as (1 - dr) top + dr bottom with top and
     * bottom the horizontal interpolations (1 - dc) left + dc right of the two rows; those horizontal
     * interpolations are the same numbers for two neighbouring rows, so they are computed once per
     * row here (same operations in the same order, so the same doubles).
     */
    static void histogram(float[] img, int w, int h, int x0, int y0, int cw, int ch, double[] out, int offset) {
        // fractional parts r + offset - floor(r + offset) depend on r: computed per row/column as scikit-image does
        double[] leftFrac = new double[cw], rightFrac = new double[cw];
        for (int c = 0; c < cw; c++) {
            leftFrac[c] = frac(x0 + c - D);
            rightFrac[c] = frac(x0 + c + D);
        }
        // rolling rows r-1, r, r+1: values padded by one column each side, right/left horizontal interpolations
        double[][] value = new double[3][cw + 2], right = new double[3][cw], left = new double[3][cw];
        prepareRow(img, w, h, y0 - 1, x0, cw, leftFrac, rightFrac, value[0], right[0], left[0]);
        prepareRow(img, w, h, y0, x0, cw, leftFrac, rightFrac, value[1], right[1], left[1]);
        long[] hist = new long[BINS];
        for (int r = y0; r < y0 + ch; r++) {
            int up = (r - y0) % 3, mid = (r - y0 + 1) % 3, down = (r - y0 + 2) % 3;
            prepareRow(img, w, h, r + 1, x0, cw, leftFrac, rightFrac, value[down], right[down], left[down]);
            double fu = frac(r - D), fd = frac(r + D);
            double[] v0 = value[up], v1 = value[mid], v2 = value[down];
            double[] r0 = right[up], r1 = right[mid], r2 = right[down];
            double[] l0 = left[up], l1 = left[mid], l2 = left[down];
            countRow(v0, v1, v2, r0, r1, r2, l0, l1, l2, fu, fd, cw, hist);
        }
        double n = (double) cw * ch;
        for (int k = 0; k < BINS; k++) {
            out[offset + k] = hist[k] / n;
        }
    }

    /** Adds the codes of one row's pixels (centre row v1, rows above v0 and below v2) to the histogram. */
    private static void countRow(double[] v0, double[] v1, double[] v2, double[] r0, double[] r1, double[] r2, double[] l0,
            double[] l1, double[] l2, double fu, double fd, int cw, long[] hist) {
        double gu = 1 - fu, gd = 1 - fd;
        for (int c = 0; c < cw; c++) {
            double centre = v1[c + 1];
            // neighbour i at (r + rp[i], c + cp[i]), rp = -sin(2 pi i / 8), cp = cos(2 pi i / 8)
            int p = (v1[c + 2] >= centre ? 1 : 0)
                    | (gu * r0[c] + fu * r1[c] >= centre ? 2 : 0)
                    | (v0[c + 1] >= centre ? 4 : 0)
                    | (gu * l0[c] + fu * l1[c] >= centre ? 8 : 0)
                    | (v1[c] >= centre ? 16 : 0)
                    | (gd * l1[c] + fd * l2[c] >= centre ? 32 : 0)
                    | (v2[c + 1] >= centre ? 64 : 0)
                    | (gd * r1[c] + fd * r2[c] >= centre ? 128 : 0);
            hist[CODE[p]]++;
        }
    }

    /** Row {@code r} (0 outside the image) for columns x0-1 .. x0+cw, and its horizontal interpolations. */
    private static void prepareRow(float[] img, int w, int h, int r, int x0, int cw, double[] leftFrac, double[] rightFrac,
            double[] value, double[] right, double[] left) {
        if (r < 0 || r >= h) {
            java.util.Arrays.fill(value, 0);
            java.util.Arrays.fill(right, 0);
            java.util.Arrays.fill(left, 0);
            return;
        }
        int row = r * w;
        for (int c = -1; c <= cw; c++) {
            int x = x0 + c;
            value[c + 1] = x < 0 || x >= w ? 0.0 : img[row + x];
        }
        for (int c = 0; c < cw; c++) {
            double dr = rightFrac[c], dl = leftFrac[c];
            right[c] = (1 - dr) * value[c + 1] + dr * value[c + 2];
            left[c] = (1 - dl) * value[c] + dl * value[c + 1];
        }
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}
