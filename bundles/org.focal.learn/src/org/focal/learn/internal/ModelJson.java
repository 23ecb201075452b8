package org.focal.learn.internal;

import java.io.IOException;

import org.focal.core.BadInputException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading and writing the small JSON models of the Java trainers, with one-line errors. */
final class ModelJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private ModelJson() {
    }

    static byte[] write(Object model, String what) {
        try {
            return JSON.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the " + what + " model", e);
        }
    }

    /** Parses the bytes; a parse failure or a wrong {@code format} / {@code version} is a {@link BadInputException}. */
    static <T> T read(byte[] bytes, Class<T> type, String what, String format, int version,
            java.util.function.Function<T, String> formatOf, java.util.function.ToIntFunction<T> versionOf) {
        T m;
        try {
            m = JSON.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("not a " + what + " model (" + firstLine(e.getMessage()) + ")", e);
        }
        if (m == null || !format.equals(formatOf.apply(m))) {
            throw new BadInputException("not a " + what + " model (format is " + (m == null ? null : formatOf.apply(m)) + ")");
        }
        if (versionOf.applyAsInt(m) != version) {
            throw new BadInputException(what + " model version " + versionOf.applyAsInt(m) + " is not supported (only " + version + ")");
        }
        return m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
