package org.focal.learn.internal;

import java.util.Random;

import org.focal.core.ProgressMonitor;

/**
 * A multilayer perceptron with one hidden layer of tanh units and a sigmoid (two classes) or
 * softmax output, minimising {@code sum_i -log p(y_i | x_i) + alpha / 2 * (||W1||^2 + ||W2||^2)}
 * (biases not penalised) with L-BFGS from Glorot-uniform weights. This is scikit-learn's
 * {@code MLPClassifier(hidden_layer_sizes=(h,), activation='tanh', solver='lbfgs', alpha=alpha)}
 * objective; the loss surface is not convex, so the result depends on the seed.
 */
final class Mlp {

    /** Weights as fitted: {@code w1[hidden][columns]}, {@code w2[outputs][hidden]}, outputs = 1 for two classes. */
    record Fit(double[][] w1, double[] b1, double[][] w2, double[] b2, int iterations, boolean converged) {
    }

    private Mlp() {
    }

    /**
     * @param x standardised rows without NaN, {@code [n][f]}
     * @param y class per row, 0..classes-1
     */
    static Fit fit(double[][] x, int[] y, int classes, int hidden, double alpha, double tolerance, int maxIterations, long seed,
            ProgressMonitor monitor) {
        int n = x.length;
        int f = x[0].length;
        int outputs = classes == 2 ? 1 : classes;
        Layout at = new Layout(f, hidden, outputs);
        Lbfgs.Objective objective = (theta, grad) -> {
            java.util.Arrays.fill(grad, 0);
            double[] a = new double[hidden];
            double[] z = new double[outputs];
            double[] r = new double[outputs];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                forward(theta, at, xi, a, z);
                loss += LogisticRegression.outputLoss(z, y[i], r);
                for (int k = 0; k < outputs; k++) {
                    int row = at.w2() + k * hidden;
                    for (int h = 0; h < hidden; h++) {
                        grad[row + h] += r[k] * a[h];
                    }
                    grad[at.b2() + k] += r[k];
                }
                for (int h = 0; h < hidden; h++) {
                    double back = 0;
                    for (int k = 0; k < outputs; k++) {
                        back += r[k] * theta[at.w2() + k * hidden + h];
                    }
                    double delta = back * (1 - a[h] * a[h]);
                    if (delta != 0) {
                        int row = h * f;
                        for (int j = 0; j < f; j++) {
                            grad[row + j] += delta * xi[j];
                        }
                        grad[at.b1() + h] += delta;
                    }
                }
            }
            double penalty = 0;
            for (int p = 0; p < at.b1(); p++) {
                penalty += theta[p] * theta[p];
                grad[p] += alpha * theta[p];
            }
            for (int p = at.w2; p < at.b2(); p++) {
                penalty += theta[p] * theta[p];
                grad[p] += alpha * theta[p];
            }
            // scaled by 1/n so that the tolerance does not depend on the number of rows
            for (int p = 0; p < grad.length; p++) {
                grad[p] /= n;
            }
            return (loss + alpha / 2 * penalty) / n;
        };
        Lbfgs.Result result = Lbfgs.minimize(objective, glorot(at, seed), tolerance, maxIterations, monitor);
        double[] t = result.x();
        double[][] w1 = new double[hidden][f];
        double[][] w2 = new double[outputs][hidden];
        for (int h = 0; h < hidden; h++) {
            System.arraycopy(t, h * f, w1[h], 0, f);
        }
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(t, at.w2() + k * hidden, w2[k], 0, hidden);
        }
        return new Fit(w1, java.util.Arrays.copyOfRange(t, at.b1(), at.b1() + hidden), w2,
                java.util.Arrays.copyOfRange(t, at.b2(), at.b2() + outputs), result.iterations(), result.converged());
    }

    /** Offsets of the blocks in the flat parameter vector: W1 (row per hidden unit), b1, W2 (row per output), b2. */
    record Layout(int columns, int hidden, int outputs, int b1, int w2, int b2, int size) {
        Layout(int columns, int hidden, int outputs) {
            this(columns, hidden, outputs, hidden * columns, hidden * columns + hidden, hidden * columns + hidden + outputs * hidden,
                    hidden * columns + hidden + outputs * hidden + outputs);
        }
    }

    /** Hidden activations {@code a} and output scores {@code z} of one standardised row. */
    static void forward(double[] theta, Layout at, double[] x, double[] a, double[] z) {
        int f = at.columns();
        for (int h = 0; h < at.hidden(); h++) {
            double s = theta[at.b1() + h];
            int row = h * f;
            for (int j = 0; j < f; j++) {
                s += theta[row + j] * x[j];
            }
            a[h] = Math.tanh(s);
        }
        for (int k = 0; k < at.outputs(); k++) {
            double s = theta[at.b2() + k];
            int row = at.w2() + k * at.hidden();
            for (int h = 0; h < at.hidden(); h++) {
                s += theta[row + h] * a[h];
            }
            z[k] = s;
        }
    }

    /** Glorot-uniform weights (bound sqrt(6 / (fan in + fan out)), as scikit-learn does for tanh), zero biases. */
    static double[] glorot(Layout at, long seed) {
        Random random = new Random(seed);
        double[] theta = new double[at.size()];
        double bound1 = Math.sqrt(6.0 / (at.columns() + at.hidden()));
        for (int p = 0; p < at.b1(); p++) {
            theta[p] = (2 * random.nextDouble() - 1) * bound1;
        }
        double bound2 = Math.sqrt(6.0 / (at.hidden() + at.outputs()));
        for (int p = at.w2(); p < at.b2(); p++) {
            theta[p] = (2 * random.nextDouble() - 1) * bound2;
        }
        return theta;
    }

    /** Class probabilities of one standardised row under fitted weights. */
    static double[] probabilities(double[] z, double[][] w1, double[] b1, double[][] w2, double[] b2, int classes) {
        double[] a = new double[w1.length];
        for (int h = 0; h < a.length; h++) {
            a[h] = Math.tanh(b1[h] + Lbfgs.dot(w1[h], z));
        }
        return LogisticRegression.probabilities(a, w2, b2, classes);
    }
}
