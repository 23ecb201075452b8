package org.focal.store.json;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GeoJSON geometry objects (RFC 7946 shapes, in pixel coordinates rather than WGS 84) to and
 * from JTS. Coordinates are written as shortest round-tripping doubles, so the codec is lossless.
 */
public final class GeometryJson {

    public static final GeometryFactory FACTORY = new GeometryFactory();

    private GeometryJson() {
    }

    public static ObjectNode write(Geometry g) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (g) {
            case Point p -> {
                o.put("type", "Point");
                o.set("coordinates", position(p.getCoordinate()));
            }
            case LinearRing r -> {
                o.put("type", "LineString");
                o.set("coordinates", positions(r.getCoordinates()));
            }
            case LineString l -> {
                o.put("type", "LineString");
                o.set("coordinates", positions(l.getCoordinates()));
            }
            case Polygon p -> {
                o.put("type", "Polygon");
                o.set("coordinates", rings(p));
            }
            case MultiPoint m -> {
                o.put("type", "MultiPoint");
                ArrayNode a = o.putArray("coordinates");
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    a.add(position(m.getGeometryN(i).getCoordinate()));
                }
            }
            case MultiLineString m -> {
                o.put("type", "MultiLineString");
                ArrayNode a = o.putArray("coordinates");
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    a.add(positions(m.getGeometryN(i).getCoordinates()));
                }
            }
            case MultiPolygon m -> {
                o.put("type", "MultiPolygon");
                ArrayNode a = o.putArray("coordinates");
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    a.add(rings((Polygon) m.getGeometryN(i)));
                }
            }
            case GeometryCollection c -> {
                o.put("type", "GeometryCollection");
                ArrayNode a = o.putArray("geometries");
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    a.add(write(c.getGeometryN(i)));
                }
            }
            default -> throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        return o;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            a.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return a;
    }

    private static ArrayNode positions(Coordinate[] cs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : cs) {
            a.add(position(c));
        }
        return a;
    }

    private static ArrayNode position(Coordinate c) {
        return JsonNodeFactory.instance.arrayNode().add(c.getX()).add(c.getY());
    }

    /** Reads a GeoJSON geometry; {@link IllegalArgumentException} with a short reason when malformed. */
    public static Geometry read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("geometry is not an object");
        }
        String type = node.path("type").asText();
        JsonNode c = node.get("coordinates");
        if (!type.equals("GeometryCollection") && (c == null || !c.isArray())) {
            throw new IllegalArgumentException(type + " without coordinates");
        }
        return switch (type) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> {
                Point[] ps = new Point[c.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = FACTORY.createPoint(coordinate(c.get(i)));
                }
                yield FACTORY.createMultiPoint(ps);
            }
            case "MultiLineString" -> {
                LineString[] ls = new LineString[c.size()];
                for (int i = 0; i < ls.length; i++) {
                    ls[i] = FACTORY.createLineString(coordinates(c.get(i)));
                }
                yield FACTORY.createMultiLineString(ls);
            }
            case "MultiPolygon" -> {
                Polygon[] ps = new Polygon[c.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = polygon(c.get(i));
                }
                yield FACTORY.createMultiPolygon(ps);
            }
            case "GeometryCollection" -> {
                JsonNode gs = node.path("geometries");
                Geometry[] all = new Geometry[gs.size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = read(gs.get(i));
                }
                yield FACTORY.createGeometryCollection(all);
            }
            default -> throw new IllegalArgumentException("unknown geometry type '" + type + "'");
        };
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    /** A ring from positions, closed when the file left it open. */
    private static LinearRing ring(JsonNode positions) {
        Coordinate[] cs = coordinates(positions);
        if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
            Coordinate[] closed = new Coordinate[cs.length + 1];
            System.arraycopy(cs, 0, closed, 0, cs.length);
            closed[cs.length] = cs[0].copy();
            cs = closed;
        }
        if (cs.length < 4) {
            throw new IllegalArgumentException("a polygon ring needs at least 3 distinct points");
        }
        return FACTORY.createLinearRing(cs);
    }

    private static Coordinate[] coordinates(JsonNode a) {
        List<Coordinate> cs = new ArrayList<>(a.size());
        for (JsonNode p : a) {
            cs.add(coordinate(p));
        }
        return cs.toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(JsonNode p) {
        if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a position must be [x, y] numbers");
        }
        return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
    }
}
