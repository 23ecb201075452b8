package org.focal.formats.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.focal.store.json.GeometryJson;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Pixel masks as geometry: the union of the pixels' unit squares (pixel (x, y) covers [x, x+1] x [y, y+1]). */
final class Masks {

    private Masks() {
    }

    /** Pixels of a mask, row-major. */
    @FunctionalInterface
    interface Pixels {
        boolean at(int x, int y);
    }

    /**
     * The outline of the set pixels as a Polygon or MultiPolygon (holes included), or null when no
     * pixel is set. Its area equals the number of set pixels.
     */
    static Geometry outline(int width, int height, Pixels mask) {
        // runs per row; a run equal to one in the previous row extends that rectangle downwards
        List<Polygon> rects = new ArrayList<>();
        Map<Long, int[]> open = new HashMap<>();
        for (int y = 0; y <= height; y++) {
            Map<Long, int[]> next = new HashMap<>();
            int x = 0;
            while (y < height && x < width) {
                if (!mask.at(x, y)) {
                    x++;
                    continue;
                }
                int x0 = x;
                while (x < width && mask.at(x, y)) {
                    x++;
                }
                long key = ((long) x0 << 32) | x;
                int[] r = open.remove(key);
                next.put(key, r == null ? new int[] {x0, y, x} : r);
            }
            for (int[] r : open.values()) {
                rects.add(Formats.box(r[0], r[1], r[2], y));
            }
            open = next;
        }
        if (rects.isEmpty()) {
            return null;
        }
        return UnaryUnionOp.union(rects, GeometryJson.FACTORY);
    }

    /**
     * The pixels whose centre lies inside the geometry (even-odd over all rings, so holes stay
     * empty), row-major in a {@code width x height} raster. For outlines made by {@link #outline}
     * this gives back exactly the pixels they came from.
     */
    static java.util.BitSet raster(Geometry g, int width, int height) {
        List<double[]> edges = new ArrayList<>();
        for (int n = 0; n < g.getNumGeometries(); n++) {
            if (g.getGeometryN(n) instanceof Polygon p) {
                addRing(edges, p.getExteriorRing().getCoordinates());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    addRing(edges, p.getInteriorRingN(h).getCoordinates());
                }
            }
        }
        java.util.BitSet bits = new java.util.BitSet(width * height);
        double[] xs = new double[edges.size()];
        for (int y = 0; y < height; y++) {
            double yc = y + 0.5;
            int n = 0;
            for (double[] e : edges) {
                if ((e[1] <= yc && yc < e[3]) || (e[3] <= yc && yc < e[1])) {
                    xs[n++] = e[0] + (yc - e[1]) * (e[2] - e[0]) / (e[3] - e[1]);
                }
            }
            java.util.Arrays.sort(xs, 0, n);
            for (int k = 0; k + 1 < n; k += 2) {
                int from = Math.max(0, (int) Math.ceil(xs[k] - 0.5));
                int to = Math.min(width, (int) Math.ceil(xs[k + 1] - 0.5));
                if (to > from) {
                    bits.set(y * width + from, y * width + to);
                }
            }
        }
        return bits;
    }

    private static void addRing(List<double[]> edges, org.locationtech.jts.geom.Coordinate[] cs) {
        for (int i = 0; i + 1 < cs.length; i++) {
            if (cs[i].getY() != cs[i + 1].getY()) {
                edges.add(new double[] {cs[i].getX(), cs[i].getY(), cs[i + 1].getX(), cs[i + 1].getY()});
            }
        }
    }
}
