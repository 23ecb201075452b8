package org.focal.features;

/**
 * Quantisation of a stain optical-density image into {@link #LEVELS} grey levels over the FIXED
 * range [0, {@link #MAX_OD}) for co-occurrence texture, so that texture values compare across
 * tiles and slides (a per-tile min-max stretch would not). Level {@code k} holds OD in
 * [k, k+1) x MAX_OD / LEVELS; larger densities fall into the top level.
 */
public final class StainLevels {

    /** Grey levels of the co-occurrence matrices. */
    public static final int LEVELS = 32;
    /** Upper end of the quantised optical-density range (hematoxylin in nuclei reaches about 1.3). */
    public static final double MAX_OD = 1.5;

    private static final double SCALE = LEVELS / MAX_OD;

    private StainLevels() {
    }

    /** The level of one optical density (negative or NaN gives 0). */
    public static int level(float od) {
        double v = od * SCALE;
        if (!(v > 0)) {
            return 0;
        }
        return v >= LEVELS - 1 ? LEVELS - 1 : (int) v;
    }
}
