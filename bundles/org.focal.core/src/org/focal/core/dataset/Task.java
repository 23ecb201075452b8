package org.focal.core.dataset;

import java.util.Locale;

/** What a dataset's annotations are for, and so what kind of model learns from them. */
public enum Task {
    CLASSIFICATION, DETECTION, SEGMENTATION;

    /** Parses the lower-case CLI spelling; the message lists the valid values. */
    public static Task parse(String text) {
        for (Task t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + text + "' (expected classification, detection or segmentation)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
