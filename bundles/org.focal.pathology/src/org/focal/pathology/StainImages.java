package org.focal.pathology;

/**
 * Result of colour deconvolution: per-pixel stain amounts in optical-density units (base-10),
 * row by row, {@code width x height} each. Negative amounts are clamped to 0.
 */
public record StainImages(int width, int height, float[] hematoxylin, float[] eosin, float[] residual) {

    public StainImages {
        int n = width * height;
        if (hematoxylin.length != n || eosin.length != n || residual.length != n) {
            throw new IllegalArgumentException("stain images must have width x height samples");
        }
    }
}
