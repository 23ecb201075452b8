package org.focal.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.focal.core.geometry.Rasterizer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

/** The one rasteriser against JTS's own point-in-polygon test at every pixel centre. */
class RasterizerTest {

    private static final GeometryFactory F = new GeometryFactory();

    private static Polygon polygon(double... xy) {
        Coordinate[] cs = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        cs[cs.length - 1] = cs[0];
        return F.createPolygon(cs);
    }

    /** The reference: a pixel is inside when JTS says its centre is (centres on an edge never happen below). */
    private static BitSet reference(Geometry g, int x, int y, int w, int h) {
        BitSet bits = new BitSet(w * h);
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                if (g.contains(F.createPoint(new Coordinate(x + col + 0.5, y + row + 0.5)))) {
                    bits.set(row * w + col);
                }
            }
        }
        return bits;
    }

    private static BitSet spans(Geometry g, int x, int y, int w, int h) {
        BitSet bits = new BitSet(w * h);
        Rasterizer.spans(g, x, y, w, h, (row, from, to) -> bits.set((row - y) * w + (from - x), (row - y) * w + (to - x)));
        return bits;
    }

    @Test
    void anAlignedSquareCoversExactlyItsPixels() {
        BitSet bits = Rasterizer.mask(polygon(2, 3, 6, 3, 6, 5, 2, 5), 10, 10);
        assertEquals(8, bits.cardinality());
        assertEquals(true, bits.get(3 * 10 + 2));
        assertEquals(false, bits.get(3 * 10 + 6));
        assertEquals(false, bits.get(5 * 10 + 2));
    }

    @Test
    void holesStayEmptyAndWindowsClip() {
        Polygon outer = polygon(0.3, 0.2, 20.1, 0.4, 19.7, 18.9, 0.6, 19.3);
        Polygon hole = polygon(5.2, 5.1, 12.3, 5.4, 11.8, 13.2);
        Polygon donut = F.createPolygon(outer.getExteriorRing(), new org.locationtech.jts.geom.LinearRing[] {hole.getExteriorRing()});
        assertEquals(reference(donut, 0, 0, 24, 24), spans(donut, 0, 0, 24, 24));
        assertEquals(reference(donut, 7, 3, 9, 30), spans(donut, 7, 3, 9, 30));
        assertEquals(reference(donut, -5, -5, 8, 8), spans(donut, -5, -5, 8, 8));
    }

    @Test
    void randomStarPolygonsMatchJts() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double cx = 5 + random.nextDouble() * 40, cy = 5 + random.nextDouble() * 40;
            int n = 3 + random.nextInt(12);
            List<Double> xy = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double angle = 2 * Math.PI * (i + random.nextDouble() * 0.8) / n;
                double r = 1 + random.nextDouble() * 15;
                // off the half-pixel grid so no centre lies exactly on an edge
                xy.add(cx + r * Math.cos(angle) + 1e-7);
                xy.add(cy + r * Math.sin(angle) + 1e-7);
            }
            Geometry g = GeometryFixer.fix(polygon(xy.stream().mapToDouble(Double::doubleValue).toArray()));
            assertEquals(reference(g, 0, 0, 64, 64), spans(g, 0, 0, 64, 64), "trial " + trial);
            assertEquals(reference(g, 10, 20, 30, 17), spans(g, 10, 20, 30, 17), "window, trial " + trial);
        }
    }
}
