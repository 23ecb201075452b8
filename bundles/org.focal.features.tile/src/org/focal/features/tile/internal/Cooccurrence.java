package org.focal.features.tile.internal;

import org.focal.features.StainLevels;

/**
 * Haralick texture from grey-level co-occurrence matrices: distance 1, angles 0, 45, 90 and 135
 * degrees, symmetric and normalised, properties averaged over the four angles (as
 * {@code graycoprops(graycomatrix(img, [1], angles, levels, symmetric=True, normed=True)).mean()}).
 * Entropy is {@code -sum p ln p} (natural logarithm).
 */
final class Cooccurrence {

    static final String[] NAMES = {"contrast", "correlation", "energy", "asm", "homogeneity", "entropy"};

    private static final int L = StainLevels.LEVELS;

    private Cooccurrence() {
    }

    /** Writes the six properties (order of {@link #NAMES}) of a quantised image into {@code out} from {@code offset}. */
    static void properties(byte[] levels, int w, int h, double[] out, int offset) {
        int[][] counts = new int[4][L * L];
        int[] c0 = counts[0], c45 = counts[1], c90 = counts[2], c135 = counts[3];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            boolean below = y + 1 < h;
            for (int x = 0; x < w; x++) {
                int a = levels[row + x] * L;
                if (x + 1 < w) {
                    c0[a + levels[row + x + 1]]++;
                    if (below) {
                        c45[a + levels[row + w + x + 1]]++;
                    }
                }
                if (below) {
                    c90[a + levels[row + w + x]]++;
                    if (x > 0) {
                        c135[a + levels[row + w + x - 1]]++;
                    }
                }
            }
        }
        java.util.Arrays.fill(out, offset, offset + NAMES.length, 0);
        int angles = 0;
        for (int[] c : counts) {
            if (addAngle(c, out, offset)) {
                angles++;
            }
        }
        for (int k = 0; k < NAMES.length; k++) {
            out[offset + k] = angles == 0 ? Double.NaN : out[offset + k] / angles;
        }
    }

    /** Adds one angle's properties (symmetrised, normalised) to {@code out}; false when it has no pairs. */
    private static boolean addAngle(int[] c, double[] out, int offset) {
        long total = 0;
        for (int v : c) {
            total += v;
        }
        if (total == 0) {
            return false;
        }
        double norm = 1.0 / (2.0 * total);
        double mean = 0;
        for (int i = 0; i < L; i++) {
            for (int j = 0; j < L; j++) {
                mean += i * (c[i * L + j] + c[j * L + i]) * norm;
            }
        }
        double contrast = 0, asm = 0, homogeneity = 0, entropy = 0, variance = 0, covariance = 0;
        for (int i = 0; i < L; i++) {
            for (int j = 0; j < L; j++) {
                double p = (c[i * L + j] + c[j * L + i]) * norm;
                if (p == 0) {
                    continue;
                }
                int d = i - j;
                contrast += p * d * d;
                asm += p * p;
                homogeneity += p / (1.0 + d * d);
                entropy -= p * Math.log(p);
                variance += p * (i - mean) * (i - mean);
                covariance += p * (i - mean) * (j - mean);
            }
        }
        double std = Math.sqrt(variance);
        out[offset] += contrast;
        out[offset + 1] += std < 1e-15 ? 1.0 : covariance / variance; // symmetric: std_i = std_j
        out[offset + 2] += Math.sqrt(asm);
        out[offset + 3] += asm;
        out[offset + 4] += homogeneity;
        out[offset + 5] += entropy;
        return true;
    }
}
