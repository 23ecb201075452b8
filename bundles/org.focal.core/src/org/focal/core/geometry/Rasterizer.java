package org.focal.core.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Polygon filling on the pixel grid, the one rasteriser Focal has (masks, label images, brushes):
 * pixel (col, row) covers [col, col+1] x [row, row+1] and is inside when its centre is, by the
 * even-odd rule over all rings, so holes stay empty. An outline traced around a set of pixels
 * gives back exactly those pixels.
 */
public final class Rasterizer {

    private Rasterizer() {
    }

    /** Receives the inside pixels of one row as a half-open column range. */
    @FunctionalInterface
    public interface SpanSink {
        void span(int row, int fromCol, int toColExclusive);
    }

    /**
     * Calls {@code sink} for the runs of inside pixels within the window {@code [x, x+w) x [y, y+h)},
     * row by row (level-0 pixel coordinates; polygons and multi-polygons, other geometries ignored).
     */
    public static void spans(Geometry geometry, int x, int y, int w, int h, SpanSink sink) {
        List<double[]> edges = new ArrayList<>();
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < geometry.getNumGeometries(); n++) {
            if (geometry.getGeometryN(n) instanceof Polygon p) {
                addRing(edges, p.getExteriorRing().getCoordinates());
                for (int hole = 0; hole < p.getNumInteriorRing(); hole++) {
                    addRing(edges, p.getInteriorRingN(hole).getCoordinates());
                }
            }
        }
        for (double[] e : edges) {
            minY = Math.min(minY, Math.min(e[1], e[3]));
            maxY = Math.max(maxY, Math.max(e[1], e[3]));
        }
        if (edges.isEmpty()) {
            return;
        }
        int firstRow = (int) Math.max(y, Math.floor(minY - 0.5));
        int lastRow = (int) Math.min((long) y + h - 1, (long) Math.ceil(maxY - 0.5));
        double[] xs = new double[edges.size()];
        for (int row = firstRow; row <= lastRow; row++) {
            double yc = row + 0.5;
            int n = 0;
            for (double[] e : edges) {
                if ((e[1] <= yc) != (e[3] <= yc)) {
                    xs[n++] = e[0] + (yc - e[1]) * (e[2] - e[0]) / (e[3] - e[1]);
                }
            }
            Arrays.sort(xs, 0, n);
            for (int k = 0; k + 1 < n; k += 2) {
                int from = (int) Math.max(x, Math.ceil(xs[k] - 0.5));
                int to = (int) Math.min((long) x + w, (long) Math.ceil(xs[k + 1] - 0.5));
                if (to > from) {
                    sink.span(row, from, to);
                }
            }
        }
    }

    /** The inside pixels of a {@code width x height} raster at the origin, row-major. */
    public static BitSet mask(Geometry geometry, int width, int height) {
        BitSet bits = new BitSet(Math.multiplyExact(width, height));
        spans(geometry, 0, 0, width, height, (row, from, to) -> bits.set(row * width + from, row * width + to));
        return bits;
    }

    private static void addRing(List<double[]> edges, Coordinate[] ring) {
        for (int i = 0; i + 1 < ring.length; i++) {
            if (ring[i].getY() != ring[i + 1].getY()) {
                edges.add(new double[] {ring[i].getX(), ring[i].getY(), ring[i + 1].getX(), ring[i + 1].getY()});
            }
        }
    }
}
