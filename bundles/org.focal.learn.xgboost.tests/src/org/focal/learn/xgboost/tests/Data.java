package org.focal.learn.xgboost.tests;

import java.util.Random;

/** Synthetic feature tables with a known answer, and a hand-made AUC. */
final class Data {

    record Set(double[][] x, int[] y) {
    }

    private Data() {
    }

    /**
     * Binary set: column {@code informative} decides the label (plus some label noise), the other
     * columns are noise with 5 % missing values, and the last column is constant (never useful).
     */
    static Set binary(int rows, int columns, int informative, double noise, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][columns];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < columns; c++) {
                x[i][c] = r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian();
            }
            x[i][informative] = r.nextGaussian();
            x[i][columns - 1] = 1.0;
            y[i] = x[i][informative] + noise * r.nextGaussian() > 0 ? 1 : 0;
        }
        return new Set(x, y);
    }

    /** Three Gaussian blobs in columns 0 and 1 (centres on a triangle), columns 2..3 noise. */
    static Set threeClasses(int rows, long seed) {
        Random r = new Random(seed);
        double[][] centres = {{0, 3}, {-2.6, -1.5}, {2.6, -1.5}};
        double[][] x = new double[rows][4];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            y[i] = c;
            x[i][0] = centres[c][0] + r.nextGaussian();
            x[i][1] = centres[c][1] + r.nextGaussian();
            x[i][2] = r.nextGaussian();
            x[i][3] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian();
        }
        return new Set(x, y);
    }

    /** Area under the ROC curve: the probability that a random positive scores above a random negative (ties half). */
    static double auc(double[] score, int[] label) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (label[i] != 1) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (label[j] != 0) {
                    continue;
                }
                pairs++;
                if (score[i] > score[j]) {
                    wins += 1;
                } else if (score[i] == score[j]) {
                    wins += 0.5;
                }
            }
        }
        return wins / pairs;
    }
}
