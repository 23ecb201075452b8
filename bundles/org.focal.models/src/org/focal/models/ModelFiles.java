package org.focal.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.dataset.Task;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The annotation model file: one JSON document {@code {"format": "focal-model", "version": 1,
 * "trainer", "task", "labels", "parameters", "metrics", "payload": base64}}. Reading checks every
 * field and names the file and the field in its one-line errors.
 */
public final class ModelFiles {

    public static final String FORMAT = "focal-model";
    public static final int VERSION = 1;
    /** Models are a few MB; a larger file is not one of ours. */
    static final int MAX_BYTES = 256 << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(MAX_BYTES).maxDocumentLength(MAX_BYTES).build());
    }

    private ModelFiles() {
    }

    public static ModelArtefact read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw BadInputException.forFile(file, "cannot read the model file: " + e.getMessage(), e);
        }
    }

    /** Reads a model; {@code source} names it in messages. */
    public static ModelArtefact read(InputStream in, String source) {
        JsonNode root;
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BadInputException(source + ": larger than " + (MAX_BYTES >> 20) + " MB: not a Focal model file");
            }
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new BadInputException(source + ": not a Focal model file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read the model file: " + e.getMessage(), e);
        }
        try {
            if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("not a Focal model file ('format' is not \"" + FORMAT + "\")");
            }
            if (root.path("version").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("unsupported 'version' " + root.path("version") + " (this Focal reads " + VERSION + ")");
            }
            List<String> labels = new ArrayList<>();
            for (JsonNode l : field(root, "labels", true)) {
                if (!l.isTextual() || l.asText().isBlank() || labels.contains(l.asText())) {
                    throw new IllegalArgumentException("'labels' must be distinct non-blank strings");
                }
                labels.add(l.asText());
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            field(root, "parameters", false).fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            field(root, "metrics", false).fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                    throw new IllegalArgumentException("metric '" + e.getKey() + "' is not a finite number");
                }
                metrics.put(e.getKey(), e.getValue().asDouble());
            });
            JsonNode payload = root.get("payload");
            if (payload == null || !payload.isTextual()) {
                throw new IllegalArgumentException("'payload' must be a base64 string");
            }
            return new ModelArtefact(root.path("trainer").asText(), Task.parse(root.path("task").asText()), labels, parameters, metrics,
                    Base64.getDecoder().decode(payload.asText()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode root, String name, boolean array) {
        JsonNode v = root.get(name);
        if (v == null || (array ? !v.isArray() : !v.isObject())) {
            throw new IllegalArgumentException("'" + name + "' must be " + (array ? "a list" : "an object"));
        }
        return v;
    }

    /** Writes through a temporary file, so a crash never leaves half a model. */
    public static void write(ModelArtefact model, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("trainer", model.trainer());
        root.put("task", model.task().cliName());
        model.labels().forEach(root.putArray("labels")::add);
        ObjectNode parameters = root.putObject("parameters");
        model.parameters().forEach(parameters::put);
        ObjectNode metrics = root.putObject("metrics");
        model.metrics().forEach(metrics::put);
        root.put("payload", Base64.getEncoder().encodeToString(model.payload()));
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.write(tmp, JSON.writeValueAsBytes(root));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
