package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.json.GeometryJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * COCO object detection / instance segmentation JSON. Boxes and polygons become annotations;
 * predictions carry {@code score} and {@code state}. Focal's extension: image-level labels in a
 * top-level {@code image_labels} array of {@code {image_id, category_id, score, state}}.
 */
final class CocoFormat {

    /** Image fields kept verbatim (as JSON text) under this metadata prefix. */
    static final String META = "coco:";
    private static final Set<String> IMAGE_FIELDS = Set.of("id", "file_name", "width", "height");
    private static final String IMPORTED_MODEL = "imported";

    private CocoFormat() {
    }

    // ------------------------------------------------------------------ export

    static void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
        Path file = Formats.outputFile(out, "annotations.json");
        List<DatasetContent.Image> images = content.images();
        monitor.begin("Writing COCO " + file.getFileName(), images.size());
        ObjectNode root = Formats.object();
        ObjectNode info = root.putObject("info");
        info.put("description", content.dataset().description().isEmpty() ? content.dataset().name()
                : content.dataset().description());
        info.put("version", "1.0");
        info.put("year", java.time.Year.now().getValue());
        info.put("contributor", "Focal");
        info.put("date_created", Instant.now().toString());
        root.putArray("licenses");
        // categories: one per label, ids 1..n in label-set order, plus labels only annotations use
        Map<String, Integer> categoryIds = new LinkedHashMap<>();
        content.dataset().labels().labels().forEach(l -> categoryIds.put(l.name(), categoryIds.size() + 1));
        images.forEach(i -> i.annotations().forEach(a -> categoryIds.computeIfAbsent(a.label(), k -> categoryIds.size() + 1)));
        long[] imageIds = imageIds(images);
        ArrayNode jsonImages = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        ArrayNode imageLabels = Formats.JSON.createArrayNode();
        long annotationId = 1;
        for (int i = 0; i < images.size(); i++) {
            monitor.checkCanceled();
            DatasetContent.Image image = images.get(i);
            ObjectNode ji = jsonImages.addObject();
            ji.put("id", imageIds[i]);
            ji.put("file_name", image.path());
            ji.put("width", image.width());
            ji.put("height", image.height());
            for (String key : Formats.keys(image.metadata(), META)) {
                String field = key.substring(META.length());
                if (!IMAGE_FIELDS.contains(field)) {
                    ji.set(field, parseOrText(image.metadata().get(key)));
                }
            }
            for (Annotation a : image.annotations()) {
                if (a.kind() == AnnotationKind.IMAGE_LABEL) {
                    ObjectNode l = imageLabels.addObject();
                    l.put("image_id", imageIds[i]);
                    l.put("category_id", categoryIds.get(a.label()));
                    if (!Double.isNaN(a.confidence())) {
                        l.put("score", a.confidence());
                    }
                    l.put("state", a.state().name().toLowerCase(Locale.ROOT));
                    if (!a.source().isManual()) {
                        l.put("source", a.source().toString());
                    }
                    continue;
                }
                ObjectNode ja = annotations.addObject();
                ja.put("id", annotationId++);
                ja.put("image_id", imageIds[i]);
                ja.put("category_id", categoryIds.get(a.label()));
                Envelope e = a.geometry().getEnvelopeInternal();
                ja.putArray("bbox").add(e.getMinX()).add(e.getMinY()).add(e.getWidth()).add(e.getHeight());
                ja.put("area", a.kind() == AnnotationKind.BOX ? e.getWidth() * e.getHeight() : a.geometry().getArea());
                ja.put("iscrowd", 0);
                if (a.kind() == AnnotationKind.MASK && image.width() > 0 && image.height() > 0) {
                    java.util.BitSet bits = Masks.raster(a.geometry(), image.width(), image.height());
                    ja.set("segmentation", CocoRle.write(bits, image.width(), image.height()));
                    ja.put("area", bits.cardinality());
                } else {
                    ArrayNode seg = ja.putArray("segmentation");
                    for (int g = 0; g < a.geometry().getNumGeometries(); g++) {
                        if (a.geometry().getGeometryN(g) instanceof Polygon p) {
                            ring(seg, p.getExteriorRing());
                            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                                ring(seg, p.getInteriorRingN(h));
                            }
                        }
                    }
                }
                if (a.plane().z() != 0) {
                    ja.put("z", a.plane().z());
                }
                if (!Double.isNaN(a.confidence())) {
                    ja.put("score", a.confidence());
                }
                if (!a.source().isManual() || a.state() != ReviewState.ACCEPTED) {
                    ja.put("state", a.state().name().toLowerCase(Locale.ROOT));
                }
                if (!a.source().isManual()) {
                    ja.put("source", a.source().toString());
                }
            }
            monitor.worked(1);
        }
        ArrayNode categories = root.putArray("categories");
        categoryIds.forEach((name, id) -> categories.addObject().put("id", id).put("name", name).put("supercategory", ""));
        if (!imageLabels.isEmpty()) {
            root.set("image_labels", imageLabels);
        }
        Formats.writeJson(file, root);
        monitor.done();
    }

    private static void ring(ArrayNode seg, org.locationtech.jts.geom.LineString r) {
        ArrayNode ring = seg.addArray();
        Coordinate[] cs = r.getCoordinates();
        for (int c = 0; c < cs.length - 1; c++) {
            ring.add(cs[c].getX()).add(cs[c].getY());
        }
    }

    /** The images' own numeric ids when they are unique positive integers, else 1..n. */
    private static long[] imageIds(List<DatasetContent.Image> images) {
        long[] ids = new long[images.size()];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            try {
                ids[i] = Long.parseLong(images.get(i).id());
            } catch (RuntimeException e) {
                ids[i] = -1;
            }
            if (ids[i] <= 0 || !seen.add(ids[i])) {
                for (int j = 0; j < ids.length; j++) {
                    ids[j] = j + 1;
                }
                return ids;
            }
        }
        return ids;
    }

    private static JsonNode parseOrText(String text) {
        try {
            return Formats.JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            return Formats.JSON.getNodeFactory().textNode(text);
        }
    }

    // ------------------------------------------------------------------ import

    static DatasetContent read(Path file, ProgressMonitor monitor) throws IOException {
        JsonNode root = Formats.readJson(file);
        if (!root.isObject()) {
            throw BadInputException.forFile(file, "a COCO file is a JSON object with images, annotations and categories");
        }
        for (String key : List.of("images", "annotations", "categories")) {
            if (key.equals("annotations") && !root.has(key) && root.has("image_labels")) {
                continue;
            }
            if (!root.path(key).isArray()) {
                throw BadInputException.forFile(file, "not a COCO file: '" + key + "' must be an array");
            }
        }
        List<String> warnings = new Warnings();
        Map<Long, String> categories = new LinkedHashMap<>();
        for (JsonNode c : root.get("categories")) {
            if (!c.path("id").canConvertToLong() || !c.path("name").isTextual() || c.get("name").asText().isBlank()) {
                throw BadInputException.forFile(file, "category " + Excerpt.of(c.toString()) + " needs a numeric id and a name");
            }
            categories.put(c.get("id").asLong(), c.get("name").asText().strip());
        }
        Map<Long, Integer> imageIndex = new HashMap<>();
        List<JsonNode> jsonImages = new ArrayList<>();
        for (JsonNode i : root.get("images")) {
            if (!i.path("id").canConvertToLong() || !i.path("file_name").isTextual()) {
                throw BadInputException.forFile(file, "image " + Excerpt.of(i.toString()) + " needs a numeric id and a file_name");
            }
            String unsafe = Formats.unsafeName(i.get("file_name").asText());
            if (unsafe != null) {
                throw BadInputException.forFile(file, "image " + i.get("id").asLong() + ": file_name "
                        + Excerpt.quoted(i.get("file_name").asText()) + " " + unsafe + ": refused, nothing imported");
            }
            if (imageIndex.put(i.get("id").asLong(), jsonImages.size()) != null) {
                throw BadInputException.forFile(file, "image id " + i.get("id").asLong() + " appears twice");
            }
            jsonImages.add(i);
        }
        List<List<Annotation>> perImage = new ArrayList<>();
        jsonImages.forEach(i -> perImage.add(new ArrayList<>()));
        JsonNode all = root.path("annotations");
        monitor.begin("Reading COCO " + file.getFileName(), all.size());
        String fileKey = file.toAbsolutePath().normalize().toString();
        Instant now = Instant.now();
        for (JsonNode a : all) {
            monitor.checkCanceled();
            monitor.worked(1);
            String where = file + ": annotation " + Excerpt.of(a.path("id").asText("?"));
            Integer index = imageIndex.get(a.path("image_id").asLong(Long.MIN_VALUE));
            String label = categories.get(a.path("category_id").asLong(Long.MIN_VALUE));
            if (index == null || label == null) {
                warnings.add(where + ": unknown " + (index == null ? "image_id " + Excerpt.of(a.path("image_id").toString())
                        : "category_id " + Excerpt.of(a.path("category_id").toString())) + ", skipped");
                continue;
            }
            Geometry geometry;
            AnnotationKind kind;
            JsonNode bbox = a.path("bbox");
            JsonNode seg = a.path("segmentation");
            try {
                Polygon box = null;
                if (bbox.isArray() && bbox.size() == 4) {
                    double x = bbox.get(0).asDouble(), y = bbox.get(1).asDouble(), w = bbox.get(2).asDouble(),
                            h = bbox.get(3).asDouble();
                    if (!(w > 0 && h > 0)) {
                        warnings.add(where + ": degenerate bbox " + Excerpt.of(bbox.toString())
                                + " (width and height must be > 0), skipped");
                        continue;
                    }
                    box = Formats.box(x, y, x + w, y + h);
                }
                List<Polygon> polygons = new ArrayList<>();
                if (seg.isArray()) {
                    for (JsonNode ring : seg) {
                        polygons.add(polygon(ring));
                    }
                    polygons = withHoles(polygons);
                } else if (seg.isObject()) {
                    JsonNode image = jsonImages.get(index);
                    int[] size = new int[2];
                    java.util.BitSet bits;
                    try {
                        bits = CocoRle.read(seg, image.path("width").asInt(0), image.path("height").asInt(0), size);
                    } catch (CocoRle.SizeMismatch e) {
                        throw BadInputException.forFile(file, "annotation " + Excerpt.of(a.path("id").asText("?")) + " on image "
                                + image.get("id").asLong() + ": " + e.getMessage() + ": refused, nothing imported");
                    }
                    Geometry mask = Masks.outline(size[0], size[1], (x, y) -> bits.get(y * size[0] + x));
                    if (mask == null) {
                        warnings.add(where + ": empty RLE mask, skipped");
                        continue;
                    }
                    perImage.get(index).add(annotation(a, AnnotationKind.MASK, mask, label, uuidKey(fileKey, a), now));
                    continue;
                }
                if (polygons.isEmpty() || (polygons.size() == 1 && box != null && isBox(polygons.get(0), box))) {
                    if (box == null) {
                        warnings.add(where + ": neither bbox nor polygon segmentation, skipped");
                        continue;
                    }
                    geometry = box;
                    kind = AnnotationKind.BOX;
                } else {
                    geometry = polygons.size() == 1 ? polygons.get(0)
                            : GeometryJson.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
                    kind = AnnotationKind.POLYGON;
                }
            } catch (IllegalArgumentException e) {
                warnings.add(where + ": " + e.getMessage() + ", skipped");
                continue;
            }
            try {
                perImage.get(index).add(annotation(a, kind, geometry, label, uuidKey(fileKey, a), now));
            } catch (IllegalArgumentException e) {
                warnings.add(where + ": " + e.getMessage() + ", skipped");
            }
        }
        for (JsonNode l : root.path("image_labels")) {
            Integer index = imageIndex.get(l.path("image_id").asLong(Long.MIN_VALUE));
            String label = categories.get(l.path("category_id").asLong(Long.MIN_VALUE));
            if (index == null || label == null) {
                warnings.add(file + ": image label " + Excerpt.of(l.toString()) + ": unknown image or category, skipped");
                continue;
            }
            try {
                perImage.get(index).add(annotation(l, AnnotationKind.IMAGE_LABEL, null, label,
                        uuidKey(fileKey, l) + label, now));
            } catch (IllegalArgumentException e) {
                warnings.add(file + ": image label " + Excerpt.of(l.toString()) + ": " + e.getMessage() + ", skipped");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Path> folders = new ArrayList<>();
        for (Path d = dir; d != null && folders.size() < 3; d = d.getParent()) {
            folders.add(d);
            folders.add(d.resolve("images"));
            folders.add(d.resolve("imgs"));
        }
        List<DatasetContent.Image> images = new ArrayList<>();
        for (int i = 0; i < jsonImages.size(); i++) {
            JsonNode ji = jsonImages.get(i);
            Map<String, String> meta = new LinkedHashMap<>();
            ji.fieldNames().forEachRemaining(f -> {
                if (!IMAGE_FIELDS.contains(f)) {
                    meta.put(META + f, ji.get(f).toString());
                }
            });
            String name = ji.get("file_name").asText();
            String location = Formats.locate(name, folders);
            if (location != null) {
                meta.put(Formats.LOCATION, location);
            }
            images.add(new DatasetContent.Image(ji.get("id").asText(), name, Math.max(0, ji.path("width").asInt(0)),
                    Math.max(0, ji.path("height").asInt(0)), 1, meta, perImage.get(i)));
        }
        boolean polygons = images.stream().flatMap(i -> i.annotations().stream())
                .anyMatch(a -> a.kind() == AnnotationKind.POLYGON || a.kind() == AnnotationKind.MASK);
        boolean boxes = images.stream().flatMap(i -> i.annotations().stream()).anyMatch(a -> a.kind() == AnnotationKind.BOX);
        Task task = polygons ? Task.SEGMENTATION : boxes || root.path("annotations").size() > 0 ? Task.DETECTION
                : Task.CLASSIFICATION;
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(categories.values()));
        monitor.done();
        return new DatasetContent(new Dataset(Formats.stem(file.getFileName().toString()), "", task,
                LabelSet.ofNames(names), null), images, warnings);
    }

    private static String uuidKey(String fileKey, JsonNode a) {
        return fileKey + "#" + (a.has("id") ? a.get("id").asText() : a.toString());
    }

    private static Annotation annotation(JsonNode a, AnnotationKind kind, Geometry geometry, String label, String key,
            Instant now) {
        double score = a.path("score").isNumber() ? a.get("score").asDouble() : Double.NaN;
        AnnotationSource source = a.path("source").isTextual() ? AnnotationSource.parse(a.get("source").asText())
                : Double.isNaN(score) ? AnnotationSource.MANUAL : AnnotationSource.model(IMPORTED_MODEL, 1);
        ReviewState state = a.path("state").isTextual() ? ReviewState.valueOf(a.get("state").asText().toUpperCase(Locale.ROOT))
                : source.isManual() ? ReviewState.ACCEPTED : ReviewState.PREDICTED;
        String author = a.path("author").isTextual() ? a.get("author").asText() : null;
        ImagePlane plane = a.path("z").canConvertToInt() ? new ImagePlane(a.get("z").asInt(), 0) : ImagePlane.DEFAULT;
        return new Annotation(Formats.uuid(key), kind, geometry, plane, label, source, author, score, state, now, now);
    }

    private static Polygon polygon(JsonNode flat) {
        if (!flat.isArray() || flat.size() < 6 || flat.size() % 2 != 0) {
            throw new IllegalArgumentException("a segmentation polygon needs at least 3 x,y pairs");
        }
        List<Coordinate> cs = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2) {
            if (!flat.get(i).isNumber() || !flat.get(i + 1).isNumber()) {
                throw new IllegalArgumentException("segmentation coordinates must be numbers");
            }
            cs.add(new Coordinate(flat.get(i).asDouble(), flat.get(i + 1).asDouble()));
        }
        if (!cs.get(0).equals2D(cs.get(cs.size() - 1))) {
            cs.add(cs.get(0).copy());
        }
        if (cs.size() < 4) {
            throw new IllegalArgumentException("a segmentation polygon needs at least 3 distinct points");
        }
        LinearRing ring = GeometryJson.FACTORY.createLinearRing(cs.toArray(Coordinate[]::new));
        return GeometryJson.FACTORY.createPolygon(ring);
    }

    /**
     * Rings as polygons with holes: a ring inside another is a hole of it when the other is an
     * outer ring, an island when the other is itself a hole (even-odd nesting).
     */
    static List<Polygon> withHoles(List<Polygon> rings) {
        if (rings.size() < 2) {
            return rings;
        }
        List<Polygon> sorted = new ArrayList<>(rings);
        sorted.sort(java.util.Comparator.comparingDouble(Polygon::getArea).reversed());
        int[] parent = new int[sorted.size()];
        int[] depth = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            parent[i] = -1;
            for (int j = i - 1; j >= 0; j--) {
                if (sorted.get(j).contains(sorted.get(i))) {
                    parent[i] = j;
                    depth[i] = depth[j] + 1;
                    break;
                }
            }
        }
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (depth[i] % 2 != 0) {
                continue;
            }
            List<LinearRing> holes = new ArrayList<>();
            for (int j = i + 1; j < sorted.size(); j++) {
                if (parent[j] == i) {
                    holes.add(sorted.get(j).getExteriorRing());
                }
            }
            out.add(GeometryJson.FACTORY.createPolygon(sorted.get(i).getExteriorRing(), holes.toArray(LinearRing[]::new)));
        }
        return out;
    }

    private static boolean isBox(Polygon p, Polygon box) {
        return p.isRectangle() && p.getEnvelopeInternal().equals(box.getEnvelopeInternal());
    }

}
