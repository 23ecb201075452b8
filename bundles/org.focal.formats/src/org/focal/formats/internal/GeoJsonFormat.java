package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GeoJSON as QuPath reads and writes it: one FeatureCollection per image, pixel coordinates,
 * {@code properties.objectType} "annotation" (manual) or "detection" (model output) and
 * {@code properties.classification {name, color: [r, g, b]}}. Focal's own fields go to
 * {@code properties.focal}. Image labels have no geometry and are not written.
 */
final class GeoJsonFormat {

    private GeoJsonFormat() {
    }

    static void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
        String lower = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean single = content.images().size() == 1 && (lower.endsWith(".geojson") || lower.endsWith(".json"));
        Path folder = single ? null : Formats.outputFolder(out);
        Map<DatasetContent.Image, String> stems = Formats.uniqueStems(content.images());
        Map<String, Label> labels = new LinkedHashMap<>();
        content.dataset().labels().labels().forEach(l -> labels.put(l.name(), l));
        monitor.begin("Writing GeoJSON", content.images().size());
        for (DatasetContent.Image image : content.images()) {
            monitor.checkCanceled();
            ObjectNode fc = Formats.object();
            fc.put("type", "FeatureCollection");
            ArrayNode features = fc.putArray("features");
            for (Annotation a : image.annotations()) {
                if (!a.hasGeometry()) {
                    continue;
                }
                ObjectNode f = features.addObject();
                f.put("type", "Feature");
                f.put("id", a.id().toString());
                f.set("geometry", GeometryJson.write(a.geometry()));
                ObjectNode p = f.putObject("properties");
                p.put("objectType", a.source().isManual() ? "annotation" : "detection");
                ObjectNode c = p.putObject("classification");
                c.put("name", a.label());
                Label l = labels.computeIfAbsent(a.label(), k -> LabelSet.ofNames(List.of(k)).labels().get(0));
                ArrayNode color = c.putArray("color");
                for (int v : Formats.rgb(l)) {
                    color.add(v);
                }
                p.put("isLocked", false);
                ObjectNode focal = p.putObject("focal");
                focal.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
                focal.put("z", a.plane().z());
                focal.put("t", a.plane().t());
                focal.put("source", a.source().toString());
                if (a.author() != null) {
                    focal.put("author", a.author());
                }
                if (!Double.isNaN(a.confidence())) {
                    focal.put("confidence", a.confidence());
                }
                focal.put("state", a.state().name().toLowerCase(Locale.ROOT));
                focal.put("created", a.created().toString());
                focal.put("modified", a.modified().toString());
            }
            Formats.writeJson(single ? out : folder.resolve(stems.get(image) + ".geojson"), fc);
            monitor.worked(1);
        }
        monitor.done();
    }

    /** One .geojson/.json file (named after its image) or a folder of them. */
    static DatasetContent read(Path in, ProgressMonitor monitor) throws IOException {
        List<Path> files;
        if (Files.isRegularFile(in)) {
            files = List.of(in);
        } else if (Files.isDirectory(in)) {
            try (Stream<Path> s = Files.list(in)) {
                files = s.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".geojson") || n.endsWith(".json");
                }).sorted().toList();
            }
            if (files.isEmpty()) {
                throw BadInputException.forFile(in, "no .geojson files in this folder");
            }
        } else {
            throw BadInputException.forFile(in, "no such file or folder");
        }
        List<String> warnings = new Warnings();
        List<DatasetContent.Image> images = new ArrayList<>();
        Map<String, String> colors = new LinkedHashMap<>();
        monitor.begin("Reading GeoJSON", files.size());
        Instant now = Instant.now();
        for (Path file : files) {
            monitor.checkCanceled();
            JsonNode root = Formats.readJson(file);
            JsonNode features;
            if (root.isArray()) {
                features = root;
            } else if ("FeatureCollection".equals(root.path("type").asText())) {
                features = root.path("features");
            } else if ("Feature".equals(root.path("type").asText())) {
                features = Formats.JSON.createArrayNode().add(root);
            } else {
                throw BadInputException.forFile(file, "not GeoJSON: expected a FeatureCollection, a Feature or an array of them");
            }
            String key = file.toAbsolutePath().normalize().toString();
            List<Annotation> annotations = new ArrayList<>();
            int n = 0;
            for (JsonNode f : features) {
                n++;
                String where = file + ": feature " + n;
                try {
                    Annotation a = feature(f, key + "#" + n, now, colors);
                    if (a != null) {
                        annotations.add(a);
                    } else {
                        warnings.add(where + ": " + Excerpt.of(f.path("geometry").path("type").asText("no geometry"))
                                + " is not an area (polygon), skipped");
                    }
                } catch (IllegalArgumentException e) {
                    warnings.add(where + ": " + Excerpt.message(e.getMessage()) + ", skipped");
                }
            }
            images.add(Formats.imageOf(file, annotations));
            monitor.worked(1);
        }
        monitor.done();
        List<Label> labels = new ArrayList<>();
        LabelSet defaults = LabelSet.ofNames(List.copyOf(colors.keySet()));
        for (Label l : defaults.labels()) {
            String c = colors.get(l.name());
            labels.add(c == null ? l : new Label(l.name(), c, l.hotkey()));
        }
        return new DatasetContent(new Dataset(Formats.stem(in.getFileName().toString()), "", Task.SEGMENTATION,
                new LabelSet(labels), null), images, warnings);
    }

    private static Annotation feature(JsonNode f, String key, Instant now, Map<String, String> colors) {
        JsonNode g = f.get("geometry");
        if (g == null || g.isNull()) {
            return null;
        }
        Geometry geometry = GeometryJson.read(g);
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon) || geometry.isEmpty()) {
            return null;
        }
        JsonNode p = f.path("properties");
        JsonNode c = p.path("classification");
        String label = c.path("name").asText("");
        if (label.isBlank()) {
            label = p.path("name").asText("");
        }
        if (label.isBlank()) {
            label = "Unclassified";
        }
        label = label.strip();
        JsonNode color = c.path("color");
        if (color.isArray() && color.size() == 3 && !colors.containsKey(label)) {
            colors.put(label, Formats.hex(color.get(0).asInt(), color.get(1).asInt(), color.get(2).asInt()));
        } else {
            colors.putIfAbsent(label, null);
        }
        JsonNode focal = p.path("focal");
        boolean detection = "detection".equals(p.path("objectType").asText())
                || "cell".equals(p.path("objectType").asText()) || "tile".equals(p.path("objectType").asText());
        AnnotationKind kind = focal.has("kind") ? AnnotationKind.valueOf(focal.get("kind").asText().toUpperCase(Locale.ROOT))
                : geometry instanceof Polygon poly && poly.isRectangle() ? AnnotationKind.BOX : AnnotationKind.POLYGON;
        AnnotationSource source = focal.has("source") ? AnnotationSource.parse(focal.get("source").asText())
                : detection ? AnnotationSource.model("qupath", 1) : AnnotationSource.MANUAL;
        ReviewState state = focal.has("state") ? ReviewState.valueOf(focal.get("state").asText().toUpperCase(Locale.ROOT))
                : source.isManual() ? ReviewState.ACCEPTED : ReviewState.PREDICTED;
        double confidence = focal.path("confidence").isNumber() ? focal.get("confidence").asDouble() : Double.NaN;
        UUID id;
        try {
            id = f.path("id").isTextual() ? UUID.fromString(f.get("id").asText()) : Formats.uuid(key);
        } catch (IllegalArgumentException e) {
            id = Formats.uuid(key, f.get("id").asText());
        }
        Instant created = focal.has("created") ? Instant.parse(focal.get("created").asText()) : now;
        Instant modified = focal.has("modified") ? Instant.parse(focal.get("modified").asText()) : created;
        return new Annotation(id, kind, geometry, new ImagePlane(focal.path("z").asInt(0), focal.path("t").asInt(0)), label,
                source, focal.path("author").isTextual() ? focal.get("author").asText() : null, confidence, state, created,
                modified);
    }
}
