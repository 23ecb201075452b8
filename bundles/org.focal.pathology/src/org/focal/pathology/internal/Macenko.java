package org.focal.pathology.internal;

import java.util.Arrays;
import java.util.Optional;

import org.focal.core.image.PixelBuffer;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.StainVectors;

/**
 * Macenko et al., "A method for normalizing histology slides for quantitative analysis", ISBI 2009.
 * The 3 x 3 symmetric eigenproblem is solved with a few Jacobi rotations here instead of pulling
 * in a linear-algebra library for one tiny matrix.
 */
public final class Macenko {

    /** Pixels with an optical density below this in any channel are background. */
    static final double BETA = 0.15;
    static final double ALPHA_PERCENT = 1.0;
    static final int MAX_SAMPLES = 1 << 20;

    private Macenko() {
    }

    public static Optional<StainVectors> estimate(PixelBuffer rgb) {
        byte[] p = (byte[]) rgb.data();
        int n = rgb.width() * rgb.height();
        int step = Math.max(1, n / MAX_SAMPLES);
        int count = 0;
        float[] od = new float[3 * (n / step + 1)];
        for (int i = 0; i < n; i += step) {
            float r = ColorDeconvolution.opticalDensity(p[3 * i]);
            float g = ColorDeconvolution.opticalDensity(p[3 * i + 1]);
            float b = ColorDeconvolution.opticalDensity(p[3 * i + 2]);
            if (r > BETA && g > BETA && b > BETA) {
                od[3 * count] = r;
                od[3 * count + 1] = g;
                od[3 * count + 2] = b;
                count++;
            }
        }
        if (count < 100) {
            return Optional.empty();
        }
        double[] mean = new double[3];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                mean[c] += od[3 * i + c];
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= count;
        }
        double[][] cov = new double[3][3];
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < 3; a++) {
                double da = od[3 * i + a] - mean[a];
                for (int b = a; b < 3; b++) {
                    cov[a][b] += da * (od[3 * i + b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        double[][] vectors = new double[3][3];
        double[] values = jacobi(cov, vectors);
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] v1 = column(vectors, order[0]);
        double[] v2 = column(vectors, order[1]);
        // orient both axes into the positive octant (optical densities are positive)
        if (v1[0] + v1[1] + v1[2] < 0) {
            scale(v1, -1);
        }
        if (v2[0] + v2[1] + v2[2] < 0) {
            scale(v2, -1);
        }
        double[] angles = new double[count];
        for (int i = 0; i < count; i++) {
            double x = od[3 * i] * v1[0] + od[3 * i + 1] * v1[1] + od[3 * i + 2] * v1[2];
            double y = od[3 * i] * v2[0] + od[3 * i + 1] * v2[1] + od[3 * i + 2] * v2[2];
            angles[i] = Math.atan2(y, x);
        }
        Arrays.sort(angles);
        double lo = angles[(int) Math.floor((count - 1) * ALPHA_PERCENT / 100)];
        double hi = angles[(int) Math.ceil((count - 1) * (100 - ALPHA_PERCENT) / 100)];
        double[] a = combine(v1, v2, lo);
        double[] b = combine(v1, v2, hi);
        if (!positive(a) || !positive(b)) {
            return Optional.empty();
        }
        // hematoxylin absorbs more red than eosin
        double[] h = a[0] > b[0] ? a : b;
        double[] e = a[0] > b[0] ? b : a;
        return Optional.of(StainVectors.of("H&E (Macenko estimate)", h, e));
    }

    private static boolean positive(double[] v) {
        return v[0] > 0 || v[1] > 0 || v[2] > 0;
    }

    private static double[] combine(double[] v1, double[] v2, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle);
        double[] v = {v1[0] * c + v2[0] * s, v1[1] * c + v2[1] * s, v1[2] * c + v2[2] * s};
        for (int i = 0; i < 3; i++) {
            v[i] = Math.max(v[i], 0);
        }
        return v;
    }

    private static double[] column(double[][] m, int col) {
        return new double[] {m[0][col], m[1][col], m[2][col]};
    }

    private static void scale(double[] v, double f) {
        for (int i = 0; i < 3; i++) {
            v[i] *= f;
        }
    }

    /** Eigenvalues of a symmetric 3 x 3 matrix (destroyed); eigenvectors into the columns of {@code v}. */
    static double[] jacobi(double[][] a, double[][] v) {
        for (int i = 0; i < 3; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            if (off < 1e-15) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return new double[] {a[0][0], a[1][1], a[2][2]};
    }
}
