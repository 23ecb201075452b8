package org.focal.core.image;

/**
 * Physical size of a pixel (x, y) and the distance between planes (z), in {@code unit}
 * ("um" for microscopy, "mm" for radiology). {@link #UNCALIBRATED} says the image has none.
 */
public record PixelCalibration(double x, double y, double z, String unit) {

    public static final PixelCalibration UNCALIBRATED = new PixelCalibration(1, 1, 1, "px");

    public PixelCalibration {
        if (!(x > 0) || !(y > 0) || !(z > 0)) {
            throw new IllegalArgumentException("pixel sizes must be positive, was " + x + ", " + y + ", " + z);
        }
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("unit is required");
        }
    }

    public boolean isCalibrated() {
        return !"px".equals(unit);
    }
}
