package org.focal.core.annotation;

import java.util.Objects;

/**
 * Who made an annotation: a person ({@link #MANUAL}) or a model version, written
 * {@code model:<id>@<version>}.
 */
public record AnnotationSource(String modelId, int modelVersion) {

    public static final AnnotationSource MANUAL = new AnnotationSource(null, 0);

    public AnnotationSource {
        if (modelId != null && (modelId.isBlank() || modelId.contains("@") || modelVersion < 1)) {
            throw new IllegalArgumentException("model source needs an id without '@' and a version >= 1");
        }
    }

    public static AnnotationSource model(String id, int version) {
        return new AnnotationSource(Objects.requireNonNull(id, "id"), version);
    }

    public boolean isManual() {
        return modelId == null;
    }

    /** Parses the form written by {@link #toString()}: {@code manual} or {@code model:id@3}. */
    public static AnnotationSource parse(String text) {
        if ("manual".equals(text)) {
            return MANUAL;
        }
        if (text != null && text.startsWith("model:")) {
            int at = text.lastIndexOf('@');
            if (at > "model:".length()) {
                try {
                    return model(text.substring("model:".length(), at), Integer.parseInt(text.substring(at + 1)));
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException("not an annotation source: '" + text + "' (expected manual or model:<id>@<version>)");
    }

    @Override
    public String toString() {
        return isManual() ? "manual" : "model:" + modelId + "@" + modelVersion;
    }
}
