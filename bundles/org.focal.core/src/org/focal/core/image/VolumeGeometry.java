package org.focal.core.image;

import java.util.Arrays;

/**
 * Where a volume's voxels are in physical space (DICOM/NRRD patient coordinates, LPS, in the
 * calibration's unit): the centre of voxel (0, 0, 0) and the unit direction of the x, y and z
 * index axes. Spacing is the {@link PixelCalibration}.
 *
 * @param origin position of the first voxel's centre, 3 values
 * @param direction row-major 3 x 3: row 0 is the x axis direction, row 1 y, row 2 z
 */
public record VolumeGeometry(double[] origin, double[] direction) {

    public static final VolumeGeometry IDENTITY = new VolumeGeometry(new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    public VolumeGeometry {
        if (origin == null || origin.length != 3 || direction == null || direction.length != 9) {
            throw new IllegalArgumentException("geometry needs 3 origin values and a 3 x 3 direction matrix");
        }
        origin = origin.clone();
        direction = direction.clone();
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    @Override
    public double[] direction() {
        return direction.clone();
    }

    /** Physical position of voxel (i, j, k) given the spacing. */
    public double[] toPhysical(double i, double j, double k, PixelCalibration spacing) {
        double[] p = origin.clone();
        for (int a = 0; a < 3; a++) {
            p[a] += i * spacing.x() * direction[a] + j * spacing.y() * direction[3 + a] + k * spacing.z() * direction[6 + a];
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeGeometry g && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(origin) + Arrays.hashCode(direction);
    }

    @Override
    public String toString() {
        return "VolumeGeometry[origin=" + Arrays.toString(origin) + ", direction=" + Arrays.toString(direction) + "]";
    }
}
