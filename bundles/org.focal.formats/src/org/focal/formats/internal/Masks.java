package org.focal.formats.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.geometry.Rasterizer;
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

    /** The pixels whose centre lies inside the geometry; see {@link Rasterizer}. */
    static java.util.BitSet raster(Geometry g, int width, int height) {
        return Rasterizer.mask(g, width, height);
    }
}
