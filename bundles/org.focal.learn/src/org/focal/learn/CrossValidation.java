package org.focal.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** Stratified k-fold splits and row subsets for cross-validation. */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * Splits the samples into {@code k} folds that keep the class proportions: each class's samples
     * are shuffled (with {@code seed}) and dealt to the folds in turn, continuing across classes, so
     * every fold holds {@code floor} or {@code ceil} of {@code count/k} of every class and fold sizes
     * differ by at most one. Every sample is in exactly one fold. The same labels and seed always
     * give the same folds.
     *
     * @param labels class per sample (any integers)
     * @param k number of folds, 2..labels.length
     * @return per fold, the indices of its (test) samples, ascending
     * @throws IllegalArgumentException when k is out of range
     */
    public static int[][] stratifiedFolds(int[] labels, int k, long seed) {
        if (k < 2 || k > labels.length) {
            throw new IllegalArgumentException("k must be between 2 and the number of samples (" + labels.length + "), was " + k);
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (List<Integer> members : byClass.values()) {
            java.util.Collections.shuffle(members, random);
            for (int i : members) {
                folds.get(next).add(i);
                next = (next + 1) % k;
            }
        }
        int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            out[f] = folds.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /** The training indices of fold {@code fold}: every sample of the other folds, ascending. */
    public static int[] trainIndices(int[][] folds, int fold) {
        int n = 0;
        for (int[] f : folds) {
            n += f.length;
        }
        int[] out = new int[n - folds[fold].length];
        int j = 0;
        for (int f = 0; f < folds.length; f++) {
            if (f != fold) {
                for (int i : folds[f]) {
                    out[j++] = i;
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** The rows at {@code indices} (shared, not copied). */
    public static double[][] rows(double[][] rows, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    /** The labels at {@code indices}. */
    public static int[] labels(int[] labels, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }
}
