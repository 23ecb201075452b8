package org.focal.pathology.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.focal.core.BadInputException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a user's region of interest from GeoJSON (a FeatureCollection, a Feature or a bare
 * geometry; Polygon and MultiPolygon, holes kept) in level-0 pixel coordinates, as QuPath exports
 * annotations. Several polygons are united.
 */
public final class RoiFile {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private RoiFile() {
    }

    public static TissueMask.Region read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw BadInputException.forFile(file, "no such file");
        } catch (JsonProcessingException e) {
            throw BadInputException.forFile(file, "not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw BadInputException.forFile(file, "cannot read: " + e.getMessage());
        }
        List<Polygon> polygons = new ArrayList<>();
        collect(file, root, polygons);
        if (polygons.isEmpty()) {
            throw BadInputException.forFile(file, "no Polygon or MultiPolygon region in the GeoJSON");
        }
        Geometry union = GEOMETRY.buildGeometry(polygons).buffer(0);
        if (union.getArea() <= 0) {
            throw BadInputException.forFile(file, "the region has no area");
        }
        return new TissueMask.Region(union);
    }

    private static void collect(Path file, JsonNode node, List<Polygon> out) {
        if (node == null || node.isNull()) {
            return;
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "FeatureCollection" -> node.path("features").forEach(f -> collect(file, f, out));
            case "Feature" -> collect(file, node.get("geometry"), out);
            case "GeometryCollection" -> node.path("geometries").forEach(g -> collect(file, g, out));
            case "Polygon" -> out.add(polygon(file, node.path("coordinates")));
            case "MultiPolygon" -> node.path("coordinates").forEach(p -> out.add(polygon(file, p)));
            default -> {
                // points and lines have no area: not a region
            }
        }
    }

    private static Polygon polygon(Path file, JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw BadInputException.forFile(file, "a Polygon without coordinates");
        }
        LinearRing shell = ring(file, rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(file, rings.get(i));
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Path file, JsonNode points) {
        List<Coordinate> c = new ArrayList<>();
        for (JsonNode p : points) {
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw BadInputException.forFile(file, "a polygon vertex is not an [x, y] pair of numbers");
            }
            c.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble()));
        }
        if (c.size() < 3) {
            throw BadInputException.forFile(file, "a polygon ring has fewer than 3 vertices");
        }
        if (!c.get(0).equals2D(c.get(c.size() - 1))) {
            c.add(c.get(0).copy());
        }
        if (c.size() < 4) {
            throw BadInputException.forFile(file, "a polygon ring has fewer than 3 distinct vertices");
        }
        return GEOMETRY.createLinearRing(c.toArray(Coordinate[]::new));
    }
}
