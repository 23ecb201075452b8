package org.focal.learn.internal;

import org.focal.core.ProgressMonitor;

/** Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives. */
final class Lbfgs {

    /** Objective value and gradient at x; the gradient is written into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    record Result(double[] x, double value, int iterations, boolean converged) {
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;

    private Lbfgs() {
    }

    /**
     * Minimises from {@code start} until the largest gradient component is at most
     * {@code tolerance}, the value stops decreasing, or {@code maxIterations} iterations.
     */
    static Result minimize(Objective f, double[] start, double tolerance, int maxIterations, ProgressMonitor monitor) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] alpha = new double[MEMORY];
        int it = 0;
        int stalls = 0;
        while (true) {
            if (normInf(g) <= tolerance) {
                return new Result(x, fx, it, true);
            }
            if (it >= maxIterations) {
                return new Result(x, fx, it, false);
            }
            monitor.checkCanceled();
            it++;
            // two-loop recursion: d = -H g
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, MEMORY);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, MEMORY);
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d);
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.max(1e-300, normInf(g))) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 60; tries++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.evaluate(xNew, gNew);
                if (fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted || !(fNew < fx)) {
                // no further decrease possible in double precision
                if (++stalls >= 2 || stored == 0) {
                    return new Result(x, fx, it, normInf(g) <= Math.sqrt(tolerance));
                }
                stored = 0;
                continue;
            }
            stalls = 0;
            newest = (newest + 1) % MEMORY;
            double[] sk = s[newest] == null ? new double[n] : s[newest];
            double[] yk = y[newest] == null ? new double[n] : y[newest];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            s[newest] = sk;
            y[newest] = yk;
            if (sy > 1e-300) {
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, MEMORY);
            } else {
                stored = 0;
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double normInf(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
