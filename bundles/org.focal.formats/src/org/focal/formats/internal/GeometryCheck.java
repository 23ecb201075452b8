package org.focal.formats.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.focal.core.Excerpt;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.export.DatasetContent;
import org.focal.store.json.GeometryJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The rules every imported geometry passes before it reaches the store, whatever its format:
 * finite coordinates, within a sane range of its image, and a valid polygon (repaired with a
 * warning when it is not). Extreme values otherwise break the store's spatial index, and a
 * self-intersecting polygon has area 0 in every later measurement.
 */
final class GeometryCheck {

    /**
     * Largest coordinate magnitude when the image size is unknown: 50 times the width of the
     * largest whole-slide images, far inside what doubles and the spatial index handle.
     */
    static final double UNKNOWN_SIZE_BOUND = 10_000_000;

    private GeometryCheck() {
    }

    /** Throws {@link IllegalArgumentException} when a value read from a file is NaN or infinite. */
    static void requireFinite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("coordinate " + v + " is not a finite number");
            }
        }
    }

    /** The allowed range of one axis: [-size, 2 size] of a known (sane) image size, else the fixed bound. */
    static double[] range(int size) {
        return size > 0 && size <= UNKNOWN_SIZE_BOUND ? new double[] {-size, 2.0 * size}
                : new double[] {-UNKNOWN_SIZE_BOUND, UNKNOWN_SIZE_BOUND};
    }

    /**
     * The content with every geometry checked: out-of-range or non-finite ones dropped, invalid
     * polygons repaired, each with a warning naming {@code in}, the image and the annotation.
     */
    static DatasetContent apply(Path in, DatasetContent content) {
        List<String> warnings = new Warnings(); // this check's own, after the reader's (already summarised)
        List<DatasetContent.Image> images = new ArrayList<>();
        boolean changed = false;
        for (DatasetContent.Image image : content.images()) {
            List<Annotation> kept = new ArrayList<>(image.annotations().size());
            int n = 0;
            for (Annotation a : image.annotations()) {
                if (!a.hasGeometry()) {
                    kept.add(a);
                    continue;
                }
                n++;
                String where = in + ": image " + Excerpt.quoted(image.path()) + ": "
                        + a.kind().name().toLowerCase(Locale.ROOT) + " " + n;
                String problem = outOfRange(a.geometry(), image.width(), image.height());
                if (problem != null) {
                    warnings.add(where + " " + problem + ", skipped");
                    changed = true;
                    continue;
                }
                Annotation checked = a.kind() == AnnotationKind.BOX ? a : repaired(a, where, warnings);
                if (checked != a) {
                    changed = true;
                }
                if (checked != null) {
                    kept.add(checked);
                }
            }
            images.add(kept.size() == image.annotations().size() && !changed ? image : image.withAnnotations(kept));
        }
        if (!changed) {
            return content;
        }
        List<String> all = new ArrayList<>(content.warnings());
        all.addAll(warnings);
        return new DatasetContent(content.dataset(), images, all);
    }

    /** Why a geometry cannot be stored, or null. */
    static String outOfRange(Geometry g, int width, int height) {
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.getX()) || !Double.isFinite(c.getY())) {
                return "has a coordinate that is not a finite number";
            }
        }
        Envelope e = g.getEnvelopeInternal();
        double[] x = range(width);
        double[] y = range(height);
        if (e.getMinX() < x[0] || e.getMaxX() > x[1] || e.getMinY() < y[0] || e.getMaxY() > y[1]) {
            return String.format(Locale.ROOT, "lies far outside its %s (x %.6g to %.6g, y %.6g to %.6g)",
                    width > 0 && height > 0 ? width + " x " + height + " image" : "image (size unknown)",
                    e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
        }
        return null;
    }

    /** The annotation itself when valid, a repaired copy (with a warning), or null when nothing is left. */
    private static Annotation repaired(Annotation a, String where, List<String> warnings) {
        IsValidOp op = new IsValidOp(a.geometry());
        TopologyValidationError error = op.getValidationError();
        if (error == null) {
            return a;
        }
        boolean selfIntersects = error.getErrorType() == TopologyValidationError.SELF_INTERSECTION
                || error.getErrorType() == TopologyValidationError.RING_SELF_INTERSECTION;
        String problem = selfIntersects ? "self-intersects" : "is not a valid polygon (" + error.getMessage() + ")";
        Geometry fixed = polygonal(GeometryFixer.fix(a.geometry()));
        if (fixed != null && !fixed.isValid()) {
            // GeometryFixer 1.20 can leave parts that share an edge (a spike folded back onto the
            // outline, common in MoNuSeg); their union is one valid polygon
            fixed = polygonal(UnaryUnionOp.union(fixed));
        }
        if (fixed == null || !fixed.isValid()) {
            warnings.add(where + " " + problem + " and has no area when repaired, skipped");
            return null;
        }
        warnings.add(where + " " + problem + ", repaired");
        return new Annotation(a.id(), a.kind(), fixed, a.plane(), a.label(), a.source(), a.author(), a.confidence(),
                a.state(), a.created(), a.modified());
    }

    /** The polygons of a geometry as one Polygon or MultiPolygon, or null when it has no area. */
    private static Geometry polygonal(Geometry g) {
        List<Polygon> polygons = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty() && p.getArea() > 0) {
                polygons.add(p);
            }
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? polygons.get(0)
                : GeometryJson.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }
}
