package org.focal.learn.internal;

import org.focal.core.ProgressMonitor;

/**
 * L2-regularised logistic regression on standardised rows: binary (one coefficient row, sigmoid) or
 * multinomial (one row per class, softmax), minimising
 * {@code sum_i -log p(y_i | x_i) + l2 / 2 * ||W||^2} (intercepts not penalised) with L-BFGS. This
 * is scikit-learn's LogisticRegression objective with {@code C = 1 / l2}.
 */
final class LogisticRegression {

    record Fit(double[][] coefficients, double[] intercepts, int iterations, boolean converged) {
    }

    private LogisticRegression() {
    }

    /**
     * @param x standardised rows without NaN, {@code [n][f]}
     * @param y class per row, 0..classes-1
     */
    static Fit fit(double[][] x, int[] y, int classes, double l2, double tolerance, int maxIterations,
            ProgressMonitor monitor) {
        int n = x.length;
        int f = n == 0 ? 0 : x[0].length;
        int rows = classes == 2 ? 1 : classes;
        int stride = f + 1;
        Lbfgs.Objective objective = (theta, grad) -> {
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            double[] z = new double[rows];
            double[] p = new double[rows];
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                for (int k = 0; k < rows; k++) {
                    double s = theta[k * stride + f];
                    for (int j = 0; j < f; j++) {
                        s += theta[k * stride + j] * xi[j];
                    }
                    z[k] = s;
                }
                loss += outputLoss(z, y[i], p);
                for (int k = 0; k < rows; k++) {
                    double r = p[k];
                    if (r != 0) {
                        int base = k * stride;
                        for (int j = 0; j < f; j++) {
                            grad[base + j] += r * xi[j];
                        }
                        grad[base + f] += r;
                    }
                }
            }
            // scaled by 1/n so that the tolerance does not depend on the number of rows
            double penalty = 0;
            for (int k = 0; k < rows; k++) {
                for (int j = 0; j < f; j++) {
                    double w = theta[k * stride + j];
                    penalty += w * w;
                    grad[k * stride + j] += l2 * w;
                }
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] /= n;
            }
            return (loss + l2 / 2 * penalty) / n;
        };
        Lbfgs.Result r = Lbfgs.minimize(objective, new double[rows * stride], tolerance, maxIterations, monitor);
        double[][] coefficients = new double[rows][f];
        double[] intercepts = new double[rows];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(r.x(), k * stride, coefficients[k], 0, f);
            intercepts[k] = r.x()[k * stride + f];
        }
        if (rows > 1) {
            // softmax is unchanged by a common shift of the (unpenalised) intercepts: centre them
            double mean = java.util.Arrays.stream(intercepts).average().orElse(0);
            for (int k = 0; k < rows; k++) {
                intercepts[k] -= mean;
            }
        }
        return new Fit(coefficients, intercepts, r.iterations(), r.converged());
    }

    /**
     * {@code -log p(y)} of output scores {@code z} (one score through the sigmoid for two classes,
     * else one per class through softmax), computed stably; writes the gradient of that loss with
     * respect to {@code z}, {@code p - onehot(y)}, into {@code residual}.
     */
    static double outputLoss(double[] z, int y, double[] residual) {
        if (z.length == 1) {
            double zi = z[0];
            residual[0] = sigmoid(zi) - (y == 1 ? 1 : 0);
            // softplus(z) - y z
            return (zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - (y == 1 ? zi : 0);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            residual[k] = Math.exp(z[k] - max);
            sum += residual[k];
        }
        for (int k = 0; k < z.length; k++) {
            residual[k] = residual[k] / sum - (y == k ? 1 : 0);
        }
        return max + Math.log(sum) - z[y];
    }

    /** Class probabilities ({@code classes} long) of one standardised row. */
    static double[] probabilities(double[] z, double[][] coefficients, double[] intercepts, int classes) {
        int rows = coefficients.length;
        double[] s = new double[rows];
        for (int k = 0; k < rows; k++) {
            s[k] = intercepts[k] + Lbfgs.dot(coefficients[k], z);
        }
        if (classes == 2) {
            double p1 = sigmoid(s[0]);
            return new double[] {1 - p1, p1};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[rows];
        for (int k = 0; k < rows; k++) {
            p[k] = Math.exp(s[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < rows; k++) {
            p[k] /= sum;
        }
        return p;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
