package org.focal.core.image;

/**
 * A rectangle of an image in level-0 pixel coordinates, read at a downsample (1 = full
 * resolution), on one plane (z, t). Readers pick the pyramid level and resample.
 */
public record RegionRequest(int x, int y, int width, int height, double downsample, int z, int t) {

    public RegionRequest {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region size must be positive, was " + width + " x " + height);
        }
        if (!(downsample > 0) || Double.isInfinite(downsample)) {
            throw new IllegalArgumentException("downsample must be positive, was " + downsample);
        }
        if (z < 0 || t < 0) {
            throw new IllegalArgumentException("plane index must not be negative");
        }
    }

    public static RegionRequest of(int x, int y, int width, int height) {
        return new RegionRequest(x, y, width, height, 1.0, 0, 0);
    }

    public RegionRequest atDownsample(double newDownsample) {
        return new RegionRequest(x, y, width, height, newDownsample, z, t);
    }

    public RegionRequest atPlane(int newZ, int newT) {
        return new RegionRequest(x, y, width, height, downsample, newZ, newT);
    }

    /** Width of the returned buffer: level-0 width divided by the downsample, at least 1. */
    public int outputWidth() {
        return Math.max(1, (int) Math.round(width / downsample));
    }

    public int outputHeight() {
        return Math.max(1, (int) Math.round(height / downsample));
    }

    /** True when the region lies entirely inside an image of the given level-0 size. */
    public boolean isInside(int imageWidth, int imageHeight) {
        return x >= 0 && y >= 0 && (long) x + width <= imageWidth && (long) y + height <= imageHeight;
    }
}
