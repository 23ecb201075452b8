package org.focal.features.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.focal.features.StainLevels;
import org.focal.features.nucleus.internal.NucleusMeasurements;
import org.focal.pathology.Nucleus;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.junit.jupiter.api.Test;

/** Feature values on synthetic tiles against analytic or hand-computed values. */
class SyntheticFeaturesTest {

    private static final double PX = 0.5; // um per pixel

    /** An ellipse nucleus (semi-axes a along x, b along y, pixels) in an otherwise empty tile. */
    private static TileAnalysis ellipse(int size, double a, double b) {
        int[] labels = new int[size * size];
        float[] hema = new float[size * size];
        double c = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x + 0.5 - c) / a, dy = (y + 0.5 - c) / b;
                if (dx * dx + dy * dy <= 1) {
                    labels[y * size + x] = 1;
                    hema[y * size + x] = 0.5f + 0.1f * (x % 2); // vertical stripes: levels 10 and 12
                }
            }
        }
        return Tiles.of(size, size, hema, new float[size * size], labels, List.of(Tiles.nucleus(labels, size, 1)), PX);
    }

    @Test
    void diskHasTheAnalyticShape() {
        double r = 20;
        NucleusMeasurements m = NucleusMeasurements.measure(ellipse(64, r, r));
        double[][] v = m.values();
        assertEquals(1, m.count());
        assertEquals(Math.PI * r * r * PX * PX, v[NucleusMeasurements.AREA][0], 0.01 * Math.PI * r * r * PX * PX);
        // the Benkrid-Crookes estimate (scikit-image's) reads digital circles about 4% long: 5% tolerance
        assertEquals(2 * Math.PI * r * PX, v[NucleusMeasurements.PERIMETER][0], 0.05 * 2 * Math.PI * r * PX);
        assertEquals(0, v[NucleusMeasurements.ECCENTRICITY][0], 0.1);
        assertEquals(2 * r * PX, v[NucleusMeasurements.MAJOR][0], 0.02 * 2 * r * PX);
        assertEquals(2 * r * PX, v[NucleusMeasurements.MINOR][0], 0.02 * 2 * r * PX);
        // the hull through the pixels' edge midpoints takes in part of the boundary pixels (as scikit-image)
        assertEquals(1, v[NucleusMeasurements.SOLIDITY][0], 0.03);
        assertEquals(1, v[NucleusMeasurements.CIRCULARITY][0], 0.1);
    }

    @Test
    void ellipseHasTheAnalyticShapeAndTexture() {
        double a = 30, b = 15;
        TileAnalysis tile = ellipse(80, a, b);
        NucleusMeasurements m = NucleusMeasurements.measure(tile);
        double[][] v = m.values();
        assertEquals(Math.PI * a * b * PX * PX, v[NucleusMeasurements.AREA][0], 0.01 * Math.PI * a * b * PX * PX);
        assertEquals(Math.sqrt(1 - b * b / (a * a)), v[NucleusMeasurements.ECCENTRICITY][0], 0.01);
        assertEquals(2 * a * PX, v[NucleusMeasurements.MAJOR][0], 0.02 * 2 * a * PX);
        assertEquals(2 * b * PX, v[NucleusMeasurements.MINOR][0], 0.02 * 2 * b * PX);
        // Ramanujan's ellipse perimeter
        double h = Math.pow(a - b, 2) / Math.pow(a + b, 2);
        double perimeter = Math.PI * (a + b) * (1 + 3 * h / (10 + Math.sqrt(4 - 3 * h))) * PX;
        assertEquals(perimeter, v[NucleusMeasurements.PERIMETER][0], 0.05 * perimeter);
        assertTrue(v[NucleusMeasurements.SOLIDITY][0] > 0.96 && v[NucleusMeasurements.SOLIDITY][0] <= 1.0);
        // stripes 0.5 / 0.6 OD: levels 10 and 12; horizontal and both diagonal pairs differ by 2, vertical ones by 0
        assertEquals(10, StainLevels.level(0.5f));
        assertEquals(12, StainLevels.level(0.6f));
        assertEquals(3 * 4 / 4.0, v[NucleusMeasurements.H_CONTRAST][0], 1e-9);
        assertEquals(0.55, v[NucleusMeasurements.H_MEAN][0], 0.002);
        assertEquals(0.05, v[NucleusMeasurements.H_STD][0], 0.001);
        // the extractor aggregates the same values
        TileFeatureExtractor f = Tiles.extractor("nucleus");
        double[] out = f.extract(tile);
        assertEquals(1, Tiles.value(f, out, "nucleus.count"));
        assertEquals(1 / (80 * 80 * PX * PX * 1e-6), Tiles.value(f, out, "nucleus.density"), 1e-6);
        assertEquals(v[NucleusMeasurements.AREA][0], Tiles.value(f, out, "nucleus.area.p90"), 1e-9);
        assertEquals(0, Tiles.value(f, out, "nucleus.area.std"), 1e-9);
    }

    /** 2 x 2 checkerboard of levels 0 and 1: the four GLCMs worked out by hand. */
    @Test
    void glcmOfASmallImageMatchesHandComputation() {
        float step = (float) (StainLevels.MAX_OD / StainLevels.LEVELS);
        float[] hema = {0.5f * step, 1.5f * step, 1.5f * step, 0.5f * step};
        TileFeatureExtractor f = Tiles.extractor("tile");
        double[] out = f.extract(Tiles.of(2, 2, hema, new float[4], new int[4], List.of(), PX));
        // 0 and 90 degrees: pairs (0,1),(1,0) -> P(0,1) = P(1,0) = 1/2: contrast 1, correlation -1, ASM 1/2,
        // homogeneity 1/2, entropy ln 2. Diagonals: one pair (0,0) resp. (1,1) -> P = 1 at one cell:
        // contrast 0, correlation 1 (zero variance), ASM 1, homogeneity 1, entropy 0.
        assertEquals(0.5, Tiles.value(f, out, "tile.h.glcm.contrast"), 1e-12);
        assertEquals(0.0, Tiles.value(f, out, "tile.h.glcm.correlation"), 1e-12);
        assertEquals(0.75, Tiles.value(f, out, "tile.h.glcm.asm"), 1e-12);
        assertEquals((2 * Math.sqrt(0.5) + 2) / 4, Tiles.value(f, out, "tile.h.glcm.energy"), 1e-12);
        assertEquals(0.75, Tiles.value(f, out, "tile.h.glcm.homogeneity"), 1e-12);
        assertEquals(Math.log(2) / 2, Tiles.value(f, out, "tile.h.glcm.entropy"), 1e-12);
    }

    @Test
    void flatImageHasOneLbpCodeAndNoGradient() {
        int n = 16;
        float[] hema = new float[n * n];
        float[] eosin = new float[n * n];
        java.util.Arrays.fill(eosin, 0.3f);
        TileFeatureExtractor f = Tiles.extractor("tile");
        double[] out = f.extract(Tiles.of(n, n, hema, eosin, new int[n * n], List.of(), PX));
        // all neighbours equal the centre (0, also outside the image): every bit set, code 8
        assertEquals(1.0, Tiles.value(f, out, "tile.h.lbp.8"), 1e-12);
        assertEquals(0.0, Tiles.value(f, out, "tile.h.lbp.9"), 1e-12);
        assertEquals(0.0, Tiles.value(f, out, "tile.h.gradient.mean"), 1e-12);
        assertEquals(0.0, Tiles.value(f, out, "tile.h.positive.fraction"), 1e-12);
        assertEquals(1.0, Tiles.value(f, out, "tile.e.positive.fraction"), 1e-12);
        assertEquals(0.3, Tiles.value(f, out, "tile.e.mean"), 1e-6);
        assertEquals(0.3, Tiles.value(f, out, "tile.e.p50"), 1.5e-3);
        assertEquals(0.0, Tiles.value(f, out, "tile.h.regions.per_mm2"), 1e-12);
        assertTrue(Double.isNaN(Tiles.value(f, out, "tile.h.regions.area.mean")));
    }

    @Test
    void twoStainedSquaresAreTwoRegions() {
        int n = 20;
        float[] hema = new float[n * n];
        for (int y = 2; y < 6; y++) {
            for (int x = 2; x < 6; x++) {
                hema[y * n + x] = 0.8f; // 16 px
                hema[(y + 10) * n + x + 10] = 0.8f;
            }
        }
        hema[6 * n + 6] = 0.8f; // diagonal neighbour of the first square: 8-connected to it
        TileFeatureExtractor f = Tiles.extractor("tile");
        double[] out = f.extract(Tiles.of(n, n, hema, new float[n * n], new int[n * n], List.of(), PX));
        assertEquals(33.0 / 400, Tiles.value(f, out, "tile.h.positive.fraction"), 1e-12);
        assertEquals(2 / (400 * PX * PX * 1e-6), Tiles.value(f, out, "tile.h.regions.per_mm2"), 1e-6);
        assertEquals(33 * PX * PX / 2, Tiles.value(f, out, "tile.h.regions.area.mean"), 1e-9);
    }

    /** Square grid of spacing s, tile = the grid's cells: equal Voronoi areas s^2, 4-neighbour Delaunay graph. */
    @Test
    void squareGridHasEqualCellsAndFourNeighbours() {
        double s = 7; // um
        int k = 5;
        double spacingPx = s / PX;
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                pts.add(new double[] {(i + 0.5) * spacingPx, (j + 0.5) * spacingPx});
            }
        }
        int size = (int) Math.round(k * spacingPx);
        TileFeatureExtractor f = Tiles.extractor("spatial");
        double[] out = f.extract(Tiles.of(size, size, new float[size * size], new float[size * size], new int[size * size],
                Tiles.points(pts.toArray(double[][]::new)), PX));
        assertEquals(s * s, Tiles.value(f, out, "spatial.voronoi.area.mean"), 1e-6);
        assertEquals(0, Tiles.value(f, out, "spatial.voronoi.area.std"), 1e-6);
        assertEquals(1, Tiles.value(f, out, "spatial.voronoi.area.minmax"), 1e-9);
        assertEquals(0, Tiles.value(f, out, "spatial.voronoi.area.disorder"), 1e-6);
        assertEquals(s, Tiles.value(f, out, "spatial.delaunay.edge.mean"), 1e-9);
        assertEquals(0, Tiles.value(f, out, "spatial.delaunay.edge.std"), 1e-9);
        // interior points have 4 neighbours, edge points 3, corners 2
        assertEquals(expectedDegree(pts, spacingPx), Tiles.value(f, out, "spatial.delaunay.neighbours.mean"), 1e-9);
        assertEquals((9 * 4 + 12 * 3 + 4 * 2) / 25.0, Tiles.value(f, out, "spatial.delaunay.neighbours.mean"), 1e-9);
        assertEquals(s, Tiles.value(f, out, "spatial.nn.distance.mean"), 1e-9);
        assertEquals(0, Tiles.value(f, out, "spatial.nn.distance.std"), 1e-9);
        assertEquals(withinRadius(pts, 20 / PX), Tiles.value(f, out, "spatial.neighbours.20um.mean"), 1e-9);
    }

    /** Parallelogram patch of a hexagonal lattice: interior points have 6 Delaunay neighbours. */
    @Test
    void hexagonalLatticeHasSixNeighboursInside() {
        double s = 8 / PX; // 8 um in pixels
        int k = 5;
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                pts.add(new double[] {10 + i * s + j * s / 2, 10 + j * s * Math.sqrt(3) / 2});
            }
        }
        int size = 200;
        TileFeatureExtractor f = Tiles.extractor("spatial");
        double[] out = f.extract(Tiles.of(size, size, new float[size * size], new float[size * size], new int[size * size],
                Tiles.points(pts.toArray(double[][]::new)), PX));
        // 9 interior points x 6, 12 side points x 4, two 60-degree corners x 2, two 120-degree corners x 3
        assertEquals((9 * 6 + 12 * 4 + 2 * 2 + 2 * 3) / 25.0, Tiles.value(f, out, "spatial.delaunay.neighbours.mean"), 1e-9);
        assertEquals(expectedDegree(pts, s), Tiles.value(f, out, "spatial.delaunay.neighbours.mean"), 1e-9);
        assertEquals(8, Tiles.value(f, out, "spatial.delaunay.edge.mean"), 1e-9);
        assertEquals(8, Tiles.value(f, out, "spatial.nn.distance.mean"), 1e-9);
    }

    @Test
    void undefinedWithoutNuclei() {
        int n = 32;
        TileAnalysis empty = Tiles.of(n, n, new float[n * n], new float[n * n], new int[n * n], List.of(), PX);
        TileFeatureExtractor nucleus = Tiles.extractor("nucleus");
        double[] out = nucleus.extract(empty);
        assertEquals(0, Tiles.value(nucleus, out, "nucleus.count"));
        assertEquals(0, Tiles.value(nucleus, out, "nucleus.density"));
        for (int i = 2; i < out.length; i++) {
            assertTrue(Double.isNaN(out[i]), nucleus.featureNames().get(i) + " = " + out[i]);
        }
        TileFeatureExtractor spatial = Tiles.extractor("spatial");
        for (int count = 0; count < 3; count++) {
            List<Nucleus> few = Tiles.points(new double[][] {{5, 5}, {20, 9}}).subList(0, count);
            double[] s = spatial.extract(Tiles.of(n, n, new float[n * n], new float[n * n], new int[n * n], few, PX));
            for (double v : s) {
                assertTrue(Double.isNaN(v), count + " nuclei: " + java.util.Arrays.toString(s));
            }
        }
    }

    /** Mean degree of the graph joining points exactly one lattice spacing apart (independent of the code). */
    private static double expectedDegree(List<double[]> pts, double spacing) {
        int edges = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = i + 1; j < pts.size(); j++) {
                double d = Math.hypot(pts.get(i)[0] - pts.get(j)[0], pts.get(i)[1] - pts.get(j)[1]);
                edges += Math.abs(d - spacing) < 1e-6 ? 1 : 0;
            }
        }
        return 2.0 * edges / pts.size();
    }

    private static double withinRadius(List<double[]> pts, double radius) {
        int pairs = 0;
        for (int i = 0; i < pts.size(); i++) {
            for (int j = 0; j < pts.size(); j++) {
                double d = Math.hypot(pts.get(i)[0] - pts.get(j)[0], pts.get(i)[1] - pts.get(j)[1]);
                pairs += i != j && d <= radius ? 1 : 0;
            }
        }
        return pairs / (double) pts.size();
    }
}
