package org.focal.pathology.internal;

import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;

/** Binary-mask and label-image helpers used by the classical segmenter (small, hot loops). */
final class Labels {

    private Labels() {
    }

    record Stats(int count, int[] area, long[] sumX, long[] sumY, double[] sumH, int[] first) {
    }

    /** Fills background regions of {@code mask} (0 / non-0) not connected (4-connected) to the border. */
    static void fillHoles(byte[] mask, int w, int h) {
        int n = w * h;
        byte[] outside = new byte[n];
        int[] stack = new int[n];
        int top = 0;
        for (int x = 0; x < w; x++) {
            top = pushIfBackground(mask, outside, stack, top, x);
            top = pushIfBackground(mask, outside, stack, top, n - w + x);
        }
        for (int y = 0; y < h; y++) {
            top = pushIfBackground(mask, outside, stack, top, y * w);
            top = pushIfBackground(mask, outside, stack, top, y * w + w - 1);
        }
        while (top > 0) {
            int p = stack[--top];
            int x = p % w;
            if (x > 0) {
                top = pushIfBackground(mask, outside, stack, top, p - 1);
            }
            if (x < w - 1) {
                top = pushIfBackground(mask, outside, stack, top, p + 1);
            }
            if (p >= w) {
                top = pushIfBackground(mask, outside, stack, top, p - w);
            }
            if (p < n - w) {
                top = pushIfBackground(mask, outside, stack, top, p + w);
            }
        }
        for (int i = 0; i < n; i++) {
            if (outside[i] == 0) {
                mask[i] = (byte) 255;
            }
        }
    }

    private static int pushIfBackground(byte[] mask, byte[] outside, int[] stack, int top, int p) {
        if (mask[p] == 0 && outside[p] == 0) {
            outside[p] = 1;
            stack[top++] = p;
        }
        return top;
    }

    /** Gives each marker pixel (non-0 in {@code points}) inside the mask its own label 1..k; returns k. */
    static int seeds(byte[] points, byte[] mask, int[] labels) {
        int k = 0;
        for (int i = 0; i < points.length; i++) {
            if (points[i] != 0 && mask[i] != 0) {
                labels[i] = ++k;
            }
        }
        return k;
    }

    /** Labels the foreground pixels no marker reached (4-connected components), continuing after {@code count}. */
    static int labelUnseeded(byte[] mask, int[] labels, int w, int h, int count) {
        int n = w * h;
        int[] stack = null;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0 && labels[i] == 0) {
                if (stack == null) {
                    stack = new int[n];
                }
                int label = ++count;
                int top = 0;
                labels[i] = label;
                stack[top++] = i;
                while (top > 0) {
                    int p = stack[--top];
                    int x = p % w;
                    if (x > 0 && mask[p - 1] != 0 && labels[p - 1] == 0) {
                        labels[p - 1] = label;
                        stack[top++] = p - 1;
                    }
                    if (x < w - 1 && mask[p + 1] != 0 && labels[p + 1] == 0) {
                        labels[p + 1] = label;
                        stack[top++] = p + 1;
                    }
                    if (p >= w && mask[p - w] != 0 && labels[p - w] == 0) {
                        labels[p - w] = label;
                        stack[top++] = p - w;
                    }
                    if (p < n - w && mask[p + w] != 0 && labels[p + w] == 0) {
                        labels[p + w] = label;
                        stack[top++] = p + w;
                    }
                }
            }
        }
        return count;
    }

    /** Grows every label by {@code radius} pixels into the background (4-connected layers, first come first served). */
    static void expand(int[] labels, int w, int h, int radius) {
        int n = w * h;
        int[] frontier = new int[n];
        int size = 0;
        for (int p = 0; p < n; p++) {
            if (labels[p] != 0 && touchesBackground(labels, p, w, n)) {
                frontier[size++] = p;
            }
        }
        int[] next = new int[n];
        for (int r = 0; r < radius && size > 0; r++) {
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                int p = frontier[k];
                int label = labels[p];
                int x = p % w;
                if (x > 0 && labels[p - 1] == 0) {
                    labels[p - 1] = label;
                    next[nextSize++] = p - 1;
                }
                if (x < w - 1 && labels[p + 1] == 0) {
                    labels[p + 1] = label;
                    next[nextSize++] = p + 1;
                }
                if (p >= w && labels[p - w] == 0) {
                    labels[p - w] = label;
                    next[nextSize++] = p - w;
                }
                if (p < n - w && labels[p + w] == 0) {
                    labels[p + w] = label;
                    next[nextSize++] = p + w;
                }
            }
            int[] t = frontier;
            frontier = next;
            next = t;
            size = nextSize;
        }
    }

    /**
     * Morphological opening of every label with a disk of {@code radius} pixels, then only the
     * largest 4-connected piece of each label is kept. Labels stay numbered as before (a label that
     * vanishes keeps its number with no pixels). Opening the whole label image at once is exact
     * because an eroded pixel of one label is at least {@code radius} away from any other label, so
     * the disk around it never reaches another label. The image border counts as inside: tiles
     * overlap, so a nucleus cut by the border is not eroded from that side.
     */
    static void open(int[] labels, int w, int h, double radius, int count) {
        int n = w * h;
        byte[] interior = new byte[n];
        for (int p = 0; p < n; p++) {
            int l = labels[p];
            if (l != 0 && !touchesOther(labels, p, l, w, n)) {
                interior[p] = (byte) 255;
            }
        }
        // Distance to the nearest pixel outside the label is the distance to a non-interior pixel + 1.
        float[] inside = edm(interior, w, h);
        byte[] notEroded = new byte[n];
        for (int p = 0; p < n; p++) {
            if (!(inside[p] + 1 > radius)) {
                notEroded[p] = (byte) 255;
            }
        }
        float[] toEroded = edm(notEroded, w, h);
        for (int p = 0; p < n; p++) {
            if (toEroded[p] > radius) {
                labels[p] = 0;
            }
        }
        keepLargestPieces(labels, w, h, count);
    }

    /** Euclidean distance of every non-0 pixel of a 0/255 mask to the nearest 0 pixel (ImageJ's EDM); the border is not background. */
    static float[] edm(byte[] mask, int w, int h) {
        return (float[]) new EDM().makeFloatEDM(new ByteProcessor(w, h, mask), 0, false).getPixels();
    }

    private static boolean touchesOther(int[] labels, int p, int label, int w, int n) {
        int x = p % w;
        return (x > 0 && labels[p - 1] != label) || (x < w - 1 && labels[p + 1] != label) || (p >= w && labels[p - w] != label)
                || (p < n - w && labels[p + w] != label);
    }

    /** Removes every 4-connected piece of a label except its largest. */
    private static void keepLargestPieces(int[] labels, int w, int h, int count) {
        int n = w * h;
        int[] piece = new int[n];
        int[] stack = new int[n];
        int pieces = 0;
        int[] best = new int[count + 1];
        int[] bestSize = new int[count + 1];
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label == 0 || piece[i] != 0) {
                continue;
            }
            int id = ++pieces;
            int size = 0;
            int top = 0;
            piece[i] = id;
            stack[top++] = i;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int x = p % w;
                if (x > 0 && labels[p - 1] == label && piece[p - 1] == 0) {
                    piece[p - 1] = id;
                    stack[top++] = p - 1;
                }
                if (x < w - 1 && labels[p + 1] == label && piece[p + 1] == 0) {
                    piece[p + 1] = id;
                    stack[top++] = p + 1;
                }
                if (p >= w && labels[p - w] == label && piece[p - w] == 0) {
                    piece[p - w] = id;
                    stack[top++] = p - w;
                }
                if (p < n - w && labels[p + w] == label && piece[p + w] == 0) {
                    piece[p + w] = id;
                    stack[top++] = p + w;
                }
            }
            if (size > bestSize[label]) {
                bestSize[label] = size;
                best[label] = id;
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && piece[i] != best[labels[i]]) {
                labels[i] = 0;
            }
        }
    }

    private static boolean touchesBackground(int[] labels, int p, int w, int n) {
        int x = p % w;
        return (x > 0 && labels[p - 1] == 0) || (x < w - 1 && labels[p + 1] == 0) || (p >= w && labels[p - w] == 0)
                || (p < n - w && labels[p + w] == 0);
    }

    static Stats stats(int[] labels, float[] values, int w, int h, int count) {
        int[] area = new int[count + 1];
        long[] sumX = new long[count + 1];
        long[] sumY = new long[count + 1];
        double[] sumH = new double[count + 1];
        int[] first = new int[count + 1];
        java.util.Arrays.fill(first, -1);
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p++) {
                int l = labels[p];
                if (l != 0) {
                    if (area[l]++ == 0) {
                        first[l] = p;
                    }
                    sumX[l] += x;
                    sumY[l] += y;
                    sumH[l] += values[p];
                }
            }
        }
        return new Stats(count, area, sumX, sumY, sumH, first);
    }

    /** Removes labels outside [min, max] pixels and renumbers the rest 1..k in order; returns k. */
    static int filterBySize(int[] labels, Stats stats, int minPixels, int maxPixels) {
        boolean[] keep = new boolean[stats.count() + 1];
        for (int l = 1; l <= stats.count(); l++) {
            int a = stats.area()[l];
            keep[l] = a >= minPixels && a <= maxPixels;
        }
        return retain(labels, keep);
    }

    /**
     * Removes labels whose mean value exceeds the mean of the ring of background just outside
     * them ({@code ringPx} layers) by less than {@code relative} times the median of that excess
     * over all labels, and renumbers the rest; returns their number. Pale blobs of cytoplasm or
     * stroma that only just pass the global threshold stand out little from their surroundings,
     * a nucleus stands out clearly.
     */
    static int filterByRingContrast(int[] labels, float[] values, Stats stats, int w, int h, int ringPx, double relative) {
        int count = stats.count();
        if (count == 0) {
            return 0;
        }
        int[] grown = labels.clone();
        expand(grown, w, h, ringPx);
        double[] ringSum = new double[count + 1];
        int[] ringArea = new int[count + 1];
        for (int p = 0; p < labels.length; p++) {
            int l = grown[p];
            if (l != 0 && labels[p] == 0) {
                ringSum[l] += values[p];
                ringArea[l]++;
            }
        }
        double[] contrast = new double[count + 1];
        double[] measured = new double[count];
        int m = 0;
        for (int l = 1; l <= count; l++) {
            contrast[l] = ringArea[l] == 0 ? Double.POSITIVE_INFINITY
                    : stats.sumH()[l] / stats.area()[l] - ringSum[l] / ringArea[l];
            if (ringArea[l] > 0) {
                measured[m++] = contrast[l];
            }
        }
        if (m == 0) {
            return count;
        }
        java.util.Arrays.sort(measured, 0, m);
        double threshold = relative * measured[m / 2];
        boolean[] keep = new boolean[count + 1];
        for (int l = 1; l <= count; l++) {
            keep[l] = contrast[l] >= threshold;
        }
        return retain(labels, keep);
    }

    private static int retain(int[] labels, boolean[] keep) {
        int[] map = new int[keep.length];
        int k = 0;
        for (int l = 1; l < keep.length; l++) {
            map[l] = keep[l] ? ++k : 0;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = map[labels[i]];
        }
        return k;
    }
}
