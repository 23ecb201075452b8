package org.focal.scenarios;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioTask;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scenario file format ({@code "format": "focal-scenario", "version": 1}): id, name, modality,
 * organ, description and tasks, each with its annotation kinds, 2D/3D, labels (name, colour,
 * hotkey), default model and pipeline. Errors name the file and the field.
 */
public final class ScenarioFiles {

    public static final String FORMAT = "focal-scenario";
    public static final int VERSION = 1;
    /** Scenario files are small; anything bigger is not one. */
    private static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxStringLength(1 << 16).maxDocumentLength(MAX_BYTES).build());
    }

    private ScenarioFiles() {
    }

    public static ScenarioDefinition read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw BadInputException.forFile(file, "cannot read the scenario file: " + e.getMessage(), e);
        }
    }

    /** Reads one scenario; {@code source} names the file in messages (a path, or bundle and entry). */
    public static ScenarioDefinition read(InputStream in, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(in.readNBytes(MAX_BYTES + 1));
        } catch (JacksonException e) {
            throw new BadInputException(source + ": not a scenario file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read the scenario file: " + e.getMessage(), e);
        }
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("'format' must be \"" + FORMAT + "\"");
            }
            if (root.path("version").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("unsupported 'version' " + root.path("version") + " (this Focal reads " + VERSION + ")");
            }
            List<ScenarioTask> tasks = new ArrayList<>();
            for (JsonNode t : array(root, "tasks")) {
                tasks.add(task(t));
            }
            return new ScenarioDefinition(text(root, "id"), text(root, "name"), text(root, "modality"), text(root, "organ"),
                    text(root, "description"), tasks);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static ScenarioTask task(JsonNode t) {
        Task task = Task.parse(text(t, "task"));
        List<AnnotationKind> kinds = new ArrayList<>();
        for (JsonNode k : array(t, "kinds")) {
            kinds.add(kind(k.asText()));
        }
        List<Label> labels = new ArrayList<>();
        for (JsonNode l : array(t, "labels")) {
            labels.add(new Label(text(l, "name"), text(l, "color"), l.path("hotkey").asInt(0)));
        }
        int dimensions = t.path("dimensions").asInt(2);
        if (dimensions != 2 && dimensions != 3) {
            throw new IllegalArgumentException("'dimensions' of the " + task.cliName() + " task must be 2 or 3");
        }
        return new ScenarioTask(task, kinds, dimensions == 3, new LabelSet(labels), text(t, "defaultModel"), text(t, "pipeline"));
    }

    /** {@code image-label}, {@code box}, {@code polygon} or {@code mask} (any case, '-' or '_'). */
    public static AnnotationKind kind(String text) {
        String k = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AnnotationKind kind : AnnotationKind.values()) {
            if (kind.name().equals(k)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown annotation kind '" + text + "' (expected image-label, box, polygon or mask)");
    }

    public static String kindName(AnnotationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list");
        }
        return v;
    }

    /** The scenario as a JSON document in the file format. */
    public static ObjectNode toJson(Scenario s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("id", s.id());
        root.put("name", s.displayName());
        root.put("modality", s.modality());
        root.put("organ", s.organ());
        root.put("description", s.description());
        ArrayNode tasks = root.putArray("tasks");
        for (ScenarioTask t : s.tasks()) {
            ObjectNode o = tasks.addObject();
            o.put("task", t.task().cliName());
            ArrayNode kinds = o.putArray("kinds");
            t.kinds().forEach(k -> kinds.add(kindName(k)));
            o.put("dimensions", t.volumetric() ? 3 : 2);
            ArrayNode labels = o.putArray("labels");
            for (Label l : t.labels().labels()) {
                labels.addObject().put("name", l.name()).put("color", l.color()).put("hotkey", l.hotkey());
            }
            o.put("defaultModel", t.defaultModel());
            o.put("pipeline", t.pipeline());
        }
        return root;
    }

    public static String toJsonString(Scenario s) {
        try {
            return JSON.writeValueAsString(toJson(s));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the scenario through a temporary file, so a crash never leaves half a file. */
    public static void write(Scenario s, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(tmp, toJsonString(s) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
