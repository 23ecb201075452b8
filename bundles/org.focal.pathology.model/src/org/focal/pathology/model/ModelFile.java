package org.focal.pathology.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

import org.focal.core.BadInputException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and writes {@link PathologyModel} files (JSON; classifier bytes in base64). */
public final class ModelFile {

    // strict where a tampered file could otherwise pass: a missing or null field, 1.5 for an index,
    // a key given twice, data after the model
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelFile() {
    }

    /** Writes atomically: a crash never leaves a half-written model where a good one was. */
    public static void write(PathologyModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), model);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * What a model is checked against before it is used: the installed learning plugins, the
     * feature names the installed extractors produce now, and the installed segmenter ids.
     */
    public record Installed(LearnServices learn, List<String> features, Set<String> segmenters) {
        public Installed {
            features = List.copyOf(features);
            segmenters = Set.copyOf(segmenters);
        }
    }

    /**
     * Reads a model and checks all of it against what is installed, before any slide is touched:
     * every problem is one {@link BadInputException} line {@code FILE: problem (field path)}.
     */
    public static PathologyModel load(Path file, Installed installed) {
        PathologyModel model = read(file);
        new ModelValidation(file, model, installed).check();
        return model;
    }

    /**
     * Reads a model and checks its own fields (layout, sizes, ranges) without the installed
     * plugins; {@link #load} checks everything.
     */
    public static PathologyModel read(Path file) {
        PathologyModel model;
        try {
            model = JSON.readValue(Files.readAllBytes(file), PathologyModel.class);
        } catch (NoSuchFileException e) {
            throw BadInputException.forFile(file, "no such model file");
        } catch (JsonMappingException e) {
            String path = path(e);
            throw BadInputException.forFile(file, "not a Focal pathology model (" + excerpt(e.getOriginalMessage()) + ")"
                    + (path.isEmpty() ? "" : " (" + path + ")"));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw BadInputException.forFile(file, "not a Focal pathology model (" + excerpt(e.getOriginalMessage()) + ")"
                    + (at == null ? "" : " (line " + at.getLineNr() + ")"));
        } catch (IOException e) {
            throw BadInputException.forFile(file, "cannot read: " + e.getMessage());
        }
        if (model == null || !PathologyModel.FORMAT.equals(model.format())) {
            throw BadInputException.forFile(file, "not a Focal pathology model (format is not " + PathologyModel.FORMAT + ")");
        }
        if (model.formatVersion() > PathologyModel.FORMAT_VERSION) {
            throw BadInputException.forFile(file, "model format version " + model.formatVersion()
                    + " is newer than this Focal reads (" + PathologyModel.FORMAT_VERSION + ")");
        }
        new ModelValidation(file, model, null).checkOwnFields();
        return model;
    }

    /** Jackson's path to the offending value, e.g. {@code models[0].selection.kept[2]}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The first line of a parser message, at most 200 characters (it may quote the file). */
    private static String excerpt(String s) {
        String line = firstLine(s);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
