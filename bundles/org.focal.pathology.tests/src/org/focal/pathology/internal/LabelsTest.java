package org.focal.pathology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The label operations added for the segmenter's shape and contrast clean-up, on small drawn images. */
class LabelsTest {

    private static final int W = 60;
    private static final int H = 40;

    private static void disk(int[] labels, int label, int cx, int cy, int r) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    labels[y * W + x] = label;
                }
            }
        }
    }

    private static int area(int[] labels, int label) {
        int a = 0;
        for (int l : labels) {
            a += l == label ? 1 : 0;
        }
        return a;
    }

    @Test
    void openingCutsASpurAndKeepsTheDisk() {
        int[] labels = new int[W * H];
        disk(labels, 1, 20, 20, 8);
        int diskArea = area(labels, 1);
        for (int x = 29; x < 45; x++) { // a 2-pixel-wide spur sticking out to the right
            labels[20 * W + x] = 1;
            labels[21 * W + x] = 1;
        }
        Labels.open(labels, W, H, 3, 1);
        assertEquals(0, labels[20 * W + 40], "spur pixel survived");
        int opened = area(labels, 1);
        assertTrue(opened >= diskArea - 8 && opened <= diskArea, "disk area " + diskArea + " became " + opened);
    }

    @Test
    void openingKeepsOnlyTheLargestPieceAndDropsThinLabels() {
        int[] labels = new int[W * H];
        disk(labels, 1, 15, 20, 7);
        disk(labels, 1, 40, 20, 4); // same label, joined to the first by a 1-pixel bridge
        for (int x = 22; x < 37; x++) {
            labels[20 * W + x] = 1;
        }
        for (int y = 0; y < H; y++) { // a 1-pixel line of its own label: nothing of it survives
            labels[y * W + 55] = 2;
        }
        Labels.open(labels, W, H, 2, 2);
        assertEquals(1, labels[20 * W + 15]);
        assertEquals(0, labels[20 * W + 40], "smaller piece of label 1 kept");
        assertEquals(0, area(labels, 2));
    }

    @Test
    void openingLeavesTouchingNucleiSeparateAndWhole() {
        int[] labels = new int[W * H];
        disk(labels, 1, 20, 20, 8);
        disk(labels, 2, 35, 20, 8); // overwrites the overlap: the two labels touch along a line
        int a1 = area(labels, 1);
        int a2 = area(labels, 2);
        Labels.open(labels, W, H, 2, 2);
        // Only the two corners where the disks meet are thinner than the opening's disk.
        assertTrue(area(labels, 1) >= a1 - 12, a1 + " -> " + area(labels, 1));
        assertTrue(area(labels, 2) >= a2 - 12, a2 + " -> " + area(labels, 2));
    }

    @Test
    void ringContrastDropsPaleBlobsAndKeepsDarkNuclei() {
        int[] labels = new int[W * H];
        float[] values = new float[W * H];
        java.util.Arrays.fill(values, 0.10f);
        int[][] centres = {{8, 8}, {22, 8}, {36, 8}, {50, 8}, {8, 28}, {22, 28}};
        for (int i = 0; i < centres.length; i++) {
            disk(labels, i + 1, centres[i][0], centres[i][1], 4);
        }
        for (int p = 0; p < values.length; p++) {
            int l = labels[p];
            if (l != 0) {
                values[p] = l == 6 ? 0.12f : 0.40f; // label 6 barely darker than its surroundings
            }
        }
        Labels.Stats stats = Labels.stats(labels, values, W, H, 6);
        int kept = Labels.filterByRingContrast(labels, values, stats, W, H, 2, 0.35);
        assertEquals(5, kept);
        assertEquals(0, labels[28 * W + 22], "pale blob kept");
        assertEquals(5, labels[28 * W + 8], "labels renumbered in order");
        assertEquals(1, labels[8 * W + 8]);
    }

    @Test
    void ringContrastIsRelativeToTheTile() {
        // The same 0.02 step is kept when every object is that faint: the filter compares within a tile.
        int[] labels = new int[W * H];
        float[] values = new float[W * H];
        java.util.Arrays.fill(values, 0.10f);
        disk(labels, 1, 10, 10, 4);
        disk(labels, 2, 30, 10, 4);
        disk(labels, 3, 50, 30, 4);
        for (int p = 0; p < values.length; p++) {
            if (labels[p] != 0) {
                values[p] = 0.12f;
            }
        }
        Labels.Stats stats = Labels.stats(labels, values, W, H, 3);
        assertEquals(3, Labels.filterByRingContrast(labels, values, stats, W, H, 2, 0.35));
    }
}
