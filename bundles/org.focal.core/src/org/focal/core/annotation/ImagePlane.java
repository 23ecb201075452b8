package org.focal.core.annotation;

/** The plane of a (possibly 3D, possibly time-lapse) image an annotation lies on. */
public record ImagePlane(int z, int t) {

    public static final ImagePlane DEFAULT = new ImagePlane(0, 0);

    public ImagePlane {
        if (z < 0 || t < 0) {
            throw new IllegalArgumentException("plane index must not be negative: z=" + z + ", t=" + t);
        }
    }
}
