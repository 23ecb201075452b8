package org.focal.pathology.slide;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Where a slide has tissue to analyse: either a binary mask on a low-resolution grid (automatic
 * detection) or a user-given region (polygons in level-0 pixels). Tiles are kept when enough of
 * their area is tissue.
 */
public abstract sealed class TissueMask permits TissueMask.Raster, TissueMask.Region {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Fraction (0..1) of the level-0 rectangle covered by tissue. */
    public abstract double fraction(double x, double y, double w, double h);

    /** Fraction of the whole slide that is tissue, for reports. */
    public abstract double tissueFraction(int slideWidth, int slideHeight);

    /** True when the level-0 point lies in the tissue. */
    public abstract boolean contains(double x, double y);

    /**
     * Mask pixels row by row ({@code true} = tissue); one mask pixel covers {@code downsample x
     * downsample} level-0 pixels.
     */
    public static final class Raster extends TissueMask {
        private final int width;
        private final int height;
        private final double downsample;
        private final boolean[] tissue;
        /** Summed-area table of the mask, (width+1) x (height+1), for O(1) fractions. */
        private final int[] integral;

        public Raster(int width, int height, double downsample, boolean[] tissue) {
            if (tissue.length != width * height) {
                throw new IllegalArgumentException("mask must have width x height pixels");
            }
            this.width = width;
            this.height = height;
            this.downsample = downsample;
            this.tissue = tissue.clone();
            integral = new int[(width + 1) * (height + 1)];
            for (int y = 0; y < height; y++) {
                int row = 0;
                for (int x = 0; x < width; x++) {
                    row += tissue[y * width + x] ? 1 : 0;
                    integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
                }
            }
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public double downsample() {
            return downsample;
        }

        public boolean isTissue(int x, int y) {
            return tissue[y * width + x];
        }

        @Override
        public double fraction(double x, double y, double w, double h) {
            int x0 = clamp((int) Math.floor(x / downsample), width);
            int y0 = clamp((int) Math.floor(y / downsample), height);
            int x1 = clamp((int) Math.ceil((x + w) / downsample), width);
            int y1 = clamp((int) Math.ceil((y + h) / downsample), height);
            long cells = (long) (x1 - x0) * (y1 - y0);
            if (cells == 0) {
                return 0;
            }
            int stride = width + 1;
            int sum = integral[y1 * stride + x1] - integral[y0 * stride + x1] - integral[y1 * stride + x0]
                    + integral[y0 * stride + x0];
            return sum / (double) cells;
        }

        @Override
        public double tissueFraction(int slideWidth, int slideHeight) {
            return integral[integral.length - 1] / (double) tissue.length;
        }

        @Override
        public boolean contains(double x, double y) {
            int mx = (int) Math.floor(x / downsample);
            int my = (int) Math.floor(y / downsample);
            return mx >= 0 && my >= 0 && mx < width && my < height && tissue[my * width + mx];
        }

        private static int clamp(int v, int max) {
            return Math.max(0, Math.min(max, v));
        }
    }

    /** A region drawn by the user, in level-0 pixels. */
    public static final class Region extends TissueMask {
        private final Geometry region;
        private final PreparedGeometry prepared;

        public Region(Geometry region) {
            if (region.isEmpty() || region.getArea() <= 0) {
                throw new IllegalArgumentException("the region has no area");
            }
            this.region = region;
            this.prepared = PreparedGeometryFactory.prepare(region);
        }

        public Geometry geometry() {
            return region;
        }

        @Override
        public double fraction(double x, double y, double w, double h) {
            Polygon box = (Polygon) GEOMETRY.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + w, y, y + h));
            if (prepared.containsProperly(box)) {
                return 1;
            }
            if (!prepared.intersects(box)) {
                return 0;
            }
            return region.intersection(box).getArea() / (w * h);
        }

        @Override
        public double tissueFraction(int slideWidth, int slideHeight) {
            return region.getArea() / ((double) slideWidth * slideHeight);
        }

        @Override
        public boolean contains(double x, double y) {
            return prepared.contains(GEOMETRY.createPoint(new org.locationtech.jts.geom.Coordinate(x, y)));
        }
    }
}
