package org.focal.core.image;

import java.io.IOException;

/**
 * Orthogonal slices of a volume (sizeZ &gt; 1) at level 0: axial (z, the stored planes),
 * coronal (y) and sagittal (x). Coronal and sagittal slices have sizeZ rows, top row = z 0.
 */
public final class Volume {

    /** Which index is held fixed. */
    public enum Axis {
        X, Y, Z
    }

    private final ImageSource source;

    public Volume(ImageSource source) {
        this.source = source;
    }

    public ImageMetadata metadata() {
        return source.metadata();
    }

    /** Number of slices along an axis. */
    public int size(Axis axis) {
        ImageMetadata m = source.metadata();
        return switch (axis) {
            case X -> m.width();
            case Y -> m.height();
            case Z -> m.sizeZ();
        };
    }

    /** Physical size of a slice's pixel (columns, rows), for display aspect. */
    public double[] pixelSize(Axis axis) {
        PixelCalibration c = source.metadata().calibration();
        return switch (axis) {
            case X -> new double[] {c.y(), c.z()};
            case Y -> new double[] {c.x(), c.z()};
            case Z -> new double[] {c.x(), c.y()};
        };
    }

    public PixelBuffer slice(Axis axis, int index) throws IOException {
        ImageMetadata m = source.metadata();
        if (index < 0 || index >= size(axis)) {
            throw new IllegalArgumentException(axis + " slice " + index + " outside 0.." + (size(axis) - 1));
        }
        if (axis == Axis.Z) {
            return source.read(new RegionRequest(0, 0, m.width(), m.height(), 1, index, 0));
        }
        int columns = axis == Axis.X ? m.height() : m.width();
        PixelBuffer out = PixelBuffer.allocate(columns, m.sizeZ(), m.channels(), m.pixelType());
        int c = m.channels();
        for (int z = 0; z < m.sizeZ(); z++) {
            RegionRequest line = axis == Axis.X ? new RegionRequest(index, 0, 1, m.height(), 1, z, 0)
                    : new RegionRequest(0, index, m.width(), 1, 1, z, 0);
            PixelBuffer row = source.read(line);
            System.arraycopy(row.data(), 0, out.data(), z * columns * c, columns * c);
        }
        return out;
    }
}
