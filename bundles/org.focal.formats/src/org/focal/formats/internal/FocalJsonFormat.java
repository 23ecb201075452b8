package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.json.AnnotationJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Focal JSON: everything the store knows about a dataset, lossless (ids, states, sources, times, planes). */
final class FocalJsonFormat {

    static final String FORMAT = "focal-json";
    static final int VERSION = 1;

    private FocalJsonFormat() {
    }

    static void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException {
        Path file = Formats.outputFile(out, content.dataset().name() + ".focal.json");
        monitor.begin("Writing Focal JSON", content.images().size());
        ObjectNode root = Formats.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode d = root.putObject("dataset");
        d.put("name", content.dataset().name());
        d.put("description", content.dataset().description());
        d.put("task", content.dataset().task().cliName());
        if (content.dataset().scenarioId() != null) {
            d.put("scenario", content.dataset().scenarioId());
        }
        d.set("labels", AnnotationJson.writeLabels(content.dataset().labels()));
        ArrayNode images = root.putArray("images");
        for (DatasetContent.Image image : content.images()) {
            monitor.checkCanceled();
            ObjectNode i = images.addObject();
            if (image.id() != null) {
                i.put("id", image.id());
            }
            i.put("name", image.path());
            i.put("width", image.width());
            i.put("height", image.height());
            i.put("sizeZ", image.sizeZ());
            ObjectNode meta = i.putObject("metadata");
            new java.util.TreeMap<>(image.metadata()).forEach(meta::put);
            ArrayNode annotations = i.putArray("annotations");
            for (Annotation a : image.annotations()) {
                annotations.add(AnnotationJson.write(a));
            }
            monitor.worked(1);
        }
        Formats.writeJson(file, root);
        monitor.done();
    }

    static DatasetContent read(Path file, ProgressMonitor monitor) throws IOException {
        JsonNode root = Formats.readJson(file);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw BadInputException.forFile(file, "not a Focal JSON file (\"format\": \"focal-json\" missing)");
        }
        if (root.path("version").asInt(0) > VERSION) {
            throw BadInputException.forFile(file, "Focal JSON version " + root.path("version").asInt()
                    + " is newer than this Focal reads (" + VERSION + ")");
        }
        try {
            JsonNode d = root.path("dataset");
            Dataset dataset = new Dataset(d.path("name").asText("focal"), d.path("description").asText(""),
                    Task.parse(d.path("task").asText("detection")), AnnotationJson.readLabels(d.path("labels")),
                    d.path("scenario").isTextual() ? d.get("scenario").asText() : null);
            List<DatasetContent.Image> images = new ArrayList<>();
            monitor.begin("Reading Focal JSON", root.path("images").size());
            for (JsonNode i : root.path("images")) {
                monitor.checkCanceled();
                List<Annotation> annotations = new ArrayList<>();
                for (JsonNode a : i.path("annotations")) {
                    annotations.add(AnnotationJson.read(a));
                }
                Map<String, String> meta = new LinkedHashMap<>();
                i.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
                images.add(new DatasetContent.Image(i.path("id").isTextual() ? i.get("id").asText() : null,
                        i.path("name").asText(), i.path("width").asInt(0), i.path("height").asInt(0), i.path("sizeZ").asInt(1),
                        meta, annotations));
                monitor.worked(1);
            }
            monitor.done();
            return new DatasetContent(dataset, images);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw BadInputException.forFile(file, "bad Focal JSON: " + Excerpt.message(e.getMessage()), e);
        }
    }
}
