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
     */
    static void histogram(float[] img, int w, int h, int x0, int y0, int cw, int ch, double[] out, int offset) {
        // fractional parts r + offset - floor(r + offset) depend on r: computed per row/column as scikit-image does
        double[] upFrac = new double[h], downFrac = new double[h], leftFrac = new double[w], rightFrac = new double[w];
        for (int r = 0; r < h; r++) {
            upFrac[r] = frac(r - D);
            downFrac[r] = frac(r + D);
        }
        for (int c = 0; c < w; c++) {
            leftFrac[c] = frac(c - D);
            rightFrac[c] = frac(c + D);
        }
        long[] hist = new long[BINS];
        for (int r = y0; r < y0 + ch; r++) {
            double fu = upFrac[r], fd = downFrac[r];
            for (int c = x0; c < x0 + cw; c++) {
                double centre = img[r * w + c];
                double fl = leftFrac[c], fr = rightFrac[c];
                int p = 0;
                // neighbour i at (r + rp[i], c + cp[i]), rp = -sin(2 pi i / 8), cp = cos(2 pi i / 8)
                p |= at(img, w, h, r, c + 1) - centre >= 0 ? 1 : 0;
                p |= bilinear(img, w, h, r - 1, c, fu, fr) - centre >= 0 ? 2 : 0;
                p |= at(img, w, h, r - 1, c) - centre >= 0 ? 4 : 0;
                p |= bilinear(img, w, h, r - 1, c - 1, fu, fl) - centre >= 0 ? 8 : 0;
                p |= at(img, w, h, r, c - 1) - centre >= 0 ? 16 : 0;
                p |= bilinear(img, w, h, r, c - 1, fd, fl) - centre >= 0 ? 32 : 0;
                p |= at(img, w, h, r + 1, c) - centre >= 0 ? 64 : 0;
                p |= bilinear(img, w, h, r, c, fd, fr) - centre >= 0 ? 128 : 0;
                hist[CODE[p]]++;
            }
        }
        double n = (double) cw * ch;
        for (int k = 0; k < BINS; k++) {
            out[offset + k] = hist[k] / n;
        }
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }

    private static double at(float[] img, int w, int h, int r, int c) {
        return r < 0 || c < 0 || r >= h || c >= w ? 0.0 : img[r * w + c];
    }

    /** Bilinear value in the cell with top-left pixel (r, c), at fractions (dr, dc), in scikit-image's order of operations. */
    private static double bilinear(float[] img, int w, int h, int r, int c, double dr, double dc) {
        double top = (1 - dc) * at(img, w, h, r, c) + dc * at(img, w, h, r, c + 1);
        double bottom = (1 - dc) * at(img, w, h, r + 1, c) + dc * at(img, w, h, r + 1, c + 1);
        return (1 - dr) * top + dr * bottom;
    }
}
