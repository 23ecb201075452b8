package org.focal.pathology.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.focal.core.BadInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Reads and writes {@link PathologyModel} files (JSON; classifier bytes in base64). */
public final class ModelFile {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /** Reads a model, with a one-line error for anything that is not a complete Focal pathology model. */
    public static PathologyModel read(Path file) {
        PathologyModel model;
        try {
            model = JSON.readValue(Files.readAllBytes(file), PathologyModel.class);
        } catch (NoSuchFileException e) {
            throw BadInputException.forFile(file, "no such model file");
        } catch (JsonProcessingException e) {
            throw BadInputException.forFile(file, "not a Focal pathology model (" + firstLine(e.getOriginalMessage()) + ")");
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
        if (model.tiling() == null || model.features() == null || model.features().isEmpty() || model.models() == null
                || model.models().isEmpty()) {
            throw BadInputException.forFile(file, "incomplete model: tiling, features or analysis models missing");
        }
        for (PathologyModel.AnalysisModel m : model.models()) {
            if (m.classifier() == null || m.classifier().model() == null || m.selection() == null || m.fusion() == null
                    || m.classes() == null || m.classes().size() < 2) {
                throw BadInputException.forFile(file, "incomplete analysis model" + (m.subtype() == null ? "" : " for " + m.subtype()));
            }
        }
        if ((model.router() == null) != (model.models().size() == 1 && model.models().get(0).subtype() == null)) {
            throw BadInputException.forFile(file, "routing and analysis models do not match");
        }
        return model;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
