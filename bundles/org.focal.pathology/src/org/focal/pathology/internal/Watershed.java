package org.focal.pathology.internal;

/**
 * Marker-controlled watershed by flooding (Meyer): labelled markers grow over the foreground in
 * order of decreasing priority, each pixel taking the label of the neighbour that reached it first,
 * so basins meet without separation lines. Priorities are quantised to a bucket queue (linear time).
 */
final class Watershed {

    /** Priority resolution: quarter pixels of distance. */
    static final float LEVELS_PER_UNIT = 4f;

    private Watershed() {
    }

    /**
     * Floods the foreground ({@code mask != 0}) from the labelled markers in {@code labels}, highest
     * {@code priority} first, 4-connected. Returns the number of labels ({@code markers}).
     */
    static int floodDescending(float[] priority, byte[] mask, int[] labels, int w, int h, int markers) {
        int n = w * h;
        float max = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0 && priority[i] > max) {
                max = priority[i];
            }
        }
        int levels = (int) (max * LEVELS_PER_UNIT) + 1;
        IntQueue[] buckets = new IntQueue[levels];
        // markers start in their own buckets
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0) {
                int level = level(priority[i], levels);
                bucket(buckets, level).add(i);
            }
        }
        for (int level = levels - 1; level >= 0; level--) {
            IntQueue q = buckets[level];
            if (q == null) {
                continue;
            }
            for (int k = 0; k < q.size; k++) { // the queue may grow while it is walked (plateaus)
                int p = q.items[k];
                int label = labels[p];
                int x = p % w;
                if (x > 0) {
                    visit(p - 1, label, level, priority, mask, labels, buckets, levels);
                }
                if (x < w - 1) {
                    visit(p + 1, label, level, priority, mask, labels, buckets, levels);
                }
                if (p >= w) {
                    visit(p - w, label, level, priority, mask, labels, buckets, levels);
                }
                if (p < n - w) {
                    visit(p + w, label, level, priority, mask, labels, buckets, levels);
                }
            }
            buckets[level] = null;
        }
        return markers;
    }

    private static void visit(int q, int label, int current, float[] priority, byte[] mask, int[] labels, IntQueue[] buckets,
            int levels) {
        if (mask[q] == 0 || labels[q] != 0) {
            return;
        }
        labels[q] = label;
        int level = Math.min(current, level(priority[q], levels));
        bucket(buckets, level).add(q);
    }

    private static int level(float value, int levels) {
        return Math.min(levels - 1, Math.max(0, (int) (value * LEVELS_PER_UNIT)));
    }

    private static IntQueue bucket(IntQueue[] buckets, int level) {
        IntQueue q = buckets[level];
        if (q == null) {
            q = new IntQueue();
            buckets[level] = q;
        }
        return q;
    }

    static final class IntQueue {
        int[] items = new int[64];
        int size;

        void add(int v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }
    }
}
