package org.focal.features.spatial.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.focal.features.FeatureGroup;
import org.focal.features.Summary;
import org.focal.pathology.Nucleus;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.locationtech.jts.triangulate.quadedge.QuadEdge;
import org.locationtech.jts.triangulate.quadedge.QuadEdgeSubdivision;
import org.locationtech.jts.triangulate.quadedge.Vertex;
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
public final class SpatialFeatures extends FeatureGroup {

    /** Radius of the neighbour count, micrometres. */
    static final double RADIUS_UM = 20;

    private static final List<String> NAMES = List.of("spatial.voronoi.area.mean", "spatial.voronoi.area.std",
            "spatial.voronoi.area.minmax", "spatial.voronoi.area.disorder", "spatial.delaunay.edge.mean",
            "spatial.delaunay.edge.std", "spatial.delaunay.neighbours.mean", "spatial.delaunay.neighbours.std",
            "spatial.nn.distance.mean", "spatial.nn.distance.std", "spatial.neighbours.20um.mean");

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    public SpatialFeatures() {
        super("spatial", "Nucleus spatial arrangement (Voronoi, Delaunay, nearest neighbours)", NAMES);
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
     * Edges and neighbour counts of the Delaunay graph, walking the subdivision's primary edges. The
     * faces left and right of an edge are triangles (o, d, l) and (d, o, r); a face with a frame
     * vertex lies outside the hull. An edge whose two triangles have (numerically) the same
     * circumcentre has a Voronoi dual of zero length and is left out.
     */
    @SuppressWarnings("unchecked")
    private static void delaunay(QuadEdgeSubdivision subdivision, double[] out) {
        List<QuadEdge> edges = subdivision.getPrimaryEdges(false);
        Map<Vertex, int[]> degree = new IdentityHashMap<>();
        double[] lengths = new double[edges.size()];
        int m = 0;
        for (QuadEdge e : edges) {
            Vertex o = e.orig(), d = e.dest(), l = e.lNext().dest(), r = e.sym().lNext().dest();
            double length = o.getCoordinate().distance(d.getCoordinate());
            if (!subdivision.isFrameVertex(l) && !subdivision.isFrameVertex(r)) {
                double[] a = circumcentre(o.getCoordinate(), d.getCoordinate(), l.getCoordinate());
                double[] b = circumcentre(d.getCoordinate(), o.getCoordinate(), r.getCoordinate());
                if (!(Math.hypot(a[0] - b[0], a[1] - b[1]) > 1e-9 * length)) {
                    continue; // four cocircular sites: the diagonal is an arbitrary choice, not a neighbourhood
                }
            }
            lengths[m++] = length;
            degree.computeIfAbsent(o, v -> new int[1])[0]++;
            degree.computeIfAbsent(d, v -> new int[1])[0]++;
        }
        if (m == 0) {
            return; // collinear sites
        }
        double meanLength = Summary.mean(lengths, m);
        out[4] = meanLength;
        out[5] = Summary.std(lengths, m, meanLength);
        int nv = subdivision.getVertices(false).size();
        double[] deg = new double[nv];
        int i = 0;
        for (int[] c : degree.values()) {
            deg[i++] = c[0];
        }
        double meanDegree = Summary.mean(deg, nv);
        out[6] = meanDegree;
        out[7] = Summary.std(deg, nv, meanDegree);
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
