package org.focal.core.image;

/** One level of an image pyramid: its downsample relative to level 0 and its size in pixels. */
public record ResolutionLevel(double downsample, int width, int height) {

    public ResolutionLevel {
        if (!(downsample >= 1.0) || Double.isInfinite(downsample)) {
            throw new IllegalArgumentException("downsample must be a finite number >= 1, was " + downsample);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("level size must be positive, was " + width + " x " + height);
        }
    }
}
