package org.focal.features.spatial.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.focal.features.Summary;
import org.focal.pathology.Nucleus;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.locationtech.jts.triangulate.quadedge.QuadEdgeSubdivision;
import org.osgi.service.component.annotations.Component;

/**
 * Spatial arrangement of the tile's nuclei, from their centroids in micrometres (JTS):
 * <ul>
 * <li>{@code spatial.voronoi.area.mean|std|minmax|disorder}: Voronoi cells clipped to the tile
 * rectangle, area um^2; min/max ratio; disorder std / (mean + std);</li>
 * <li>{@code spatial.delaunay.edge.mean|std} (um) and {@code spatial.delaunay.neighbours.mean|std}:
 * the Delaunay graph of the same subdivision; an edge counts only where its dual Voronoi edge has
 * a length (so four cocircular points, as on a square grid, give 4 neighbours and no arbitrary
 * diagonal);</li>
 * <li>{@code spatial.nn.distance.mean|std} (um): nearest-neighbour distances;</li>
 * <li>{@code spatial.neighbours.20um.mean}: other nuclei within 20 um, mean over nuclei.</li>
 * </ul>
 * Everything is NaN with fewer than 3 nuclei. Statistics: population std.
 */
@Component(service = TileFeatureExtractor.class, property = "focal.features=spatial")
public final class SpatialFeatures implements TileFeatureExtractor {

    /** Radius of the neighbour count, micrometres. */
    static final double RADIUS_UM = 20;

    private static final List<String> NAMES = List.of("spatial.voronoi.area.mean", "spatial.voronoi.area.std",
            "spatial.voronoi.area.minmax", "spatial.voronoi.area.disorder", "spatial.delaunay.edge.mean",
            "spatial.delaunay.edge.std", "spatial.delaunay.neighbours.mean", "spatial.delaunay.neighbours.std",
            "spatial.nn.distance.mean", "spatial.nn.distance.std", "spatial.neighbours.20um.mean");

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Override
    public String id() {
        return "spatial";
    }

    @Override
    public String displayName() {
        return "Nucleus spatial arrangement (Voronoi, Delaunay, nearest neighbours)";
    }

    @Override
    public String group() {
        return "spatial";
    }

    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    @Override
    public double[] extract(TileAnalysis tile) {
        double[] out = new double[NAMES.size()];
        java.util.Arrays.fill(out, Double.NaN);
        List<Nucleus> nuclei = tile.nuclei();
        int n = nuclei.size();
        if (n < 3) {
            return out;
        }
        double px = tile.pixelSizeUm();
        double[] xs = new double[n], ys = new double[n];
        List<Coordinate> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xs[i] = nuclei.get(i).centroidX() * px;
            ys[i] = nuclei.get(i).centroidY() * px;
            sites.add(new Coordinate(xs[i], ys[i]));
        }
        Envelope core = new Envelope(tile.coreX() * px, (tile.coreX() + tile.coreWidth()) * px, tile.coreY() * px,
                (tile.coreY() + tile.coreHeight()) * px);
        VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
        voronoi.setSites(sites);
        voronoi.setClipEnvelope(core);
        voronoi(voronoi.getDiagram(GEOMETRY), out);
        delaunay(voronoi.getSubdivision(), out);
        nearestNeighbours(xs, ys, out);
        return out;
    }

    private static void voronoi(Geometry cells, double[] out) {
        int m = cells.getNumGeometries();
        double[] areas = new double[m];
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int i = 0; i < m; i++) {
            areas[i] = cells.getGeometryN(i).getArea();
            min = Math.min(min, areas[i]);
            max = Math.max(max, areas[i]);
        }
        double mean = Summary.mean(areas, m);
        double std = Summary.std(areas, m, mean);
        out[0] = mean;
        out[1] = std;
        out[2] = max > 0 ? min / max : Double.NaN;
        out[3] = std / (mean + std);
    }

    /**
     * Edges and neighbour counts of the Delaunay graph. Each triangle's edges are keyed by their
     * vertex indices; an edge shared by two triangles with (numerically) the same circumcentre has a
     * Voronoi dual of zero length and is left out.
     */
    @SuppressWarnings("unchecked")
    private static void delaunay(QuadEdgeSubdivision subdivision, double[] out) {
        List<Coordinate[]> triangles = subdivision.getTriangleCoordinates(false);
        if (triangles.isEmpty()) {
            return; // collinear sites
        }
        Map<Coordinate, Integer> vertex = new HashMap<>();
        Map<Long, double[]> firstCentre = new HashMap<>(); // edge -> circumcentre of its first triangle
        Map<Long, Boolean> keep = new HashMap<>();
        for (Coordinate[] t : triangles) {
            double[] cc = circumcentre(t[0], t[1], t[2]);
            for (int e = 0; e < 3; e++) {
                Coordinate a = t[e], b = t[(e + 1) % 3];
                int ia = vertex.computeIfAbsent(a, c -> vertex.size());
                int ib = vertex.computeIfAbsent(b, c -> vertex.size());
                long key = ia < ib ? ((long) ia << 32) | ib : ((long) ib << 32) | ia;
                double[] other = firstCentre.putIfAbsent(key, cc);
                if (other == null) {
                    keep.put(key, Boolean.TRUE); // hull edge unless a second triangle appears
                } else {
                    double dual = Math.hypot(cc[0] - other[0], cc[1] - other[1]);
                    keep.put(key, dual > 1e-9 * a.distance(b));
                }
            }
        }
        int nv = vertex.size();
        Coordinate[] byIndex = new Coordinate[nv];
        vertex.forEach((c, i) -> byIndex[i] = c);
        double[] degree = new double[nv];
        double[] lengths = new double[keep.size()];
        int m = 0;
        for (Map.Entry<Long, Boolean> e : keep.entrySet()) {
            if (e.getValue()) {
                int ia = (int) (e.getKey() >>> 32), ib = (int) (long) e.getKey();
                lengths[m++] = byIndex[ia].distance(byIndex[ib]);
                degree[ia]++;
                degree[ib]++;
            }
        }
        double meanLength = Summary.mean(lengths, m);
        out[4] = meanLength;
        out[5] = Summary.std(lengths, m, meanLength);
        double meanDegree = Summary.mean(degree, nv);
        out[6] = meanDegree;
        out[7] = Summary.std(degree, nv, meanDegree);
    }

    private static double[] circumcentre(Coordinate a, Coordinate b, Coordinate c) {
        double bx = b.x - a.x, by = b.y - a.y, cx = c.x - a.x, cy = c.y - a.y;
        double d = 2 * (bx * cy - by * cx);
        double b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
        return new double[] {a.x + (cy * b2 - by * c2) / d, a.y + (bx * c2 - cx * b2) / d};
    }

    /** Nearest-neighbour distance statistics and the mean count of neighbours within {@link #RADIUS_UM}. */
    private static void nearestNeighbours(double[] xs, double[] ys, double[] out) {
        int n = xs.length;
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        long within = 0;
        double r2 = RADIUS_UM * RADIUS_UM;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = xs[i] - xs[j], dy = ys[i] - ys[j];
                double d2 = dx * dx + dy * dy;
                if (d2 < nearest[i]) {
                    nearest[i] = d2;
                }
                if (d2 < nearest[j]) {
                    nearest[j] = d2;
                }
                if (d2 <= r2) {
                    within += 2;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            nearest[i] = Math.sqrt(nearest[i]);
        }
        double mean = Summary.mean(nearest, n);
        out[8] = mean;
        out[9] = Summary.std(nearest, n, mean);
        out[10] = within / (double) n;
    }
}
