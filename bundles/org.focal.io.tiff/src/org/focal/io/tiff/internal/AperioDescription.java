package org.focal.io.tiff.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ImageDescription of an Aperio SVS level 0: a header line, then {@code |}-separated
 * {@code key = value} pairs (AppMag, MPP, ScanScope ID, ...). Later duplicates win, as in OpenSlide.
 */
record AperioDescription(String header, Map<String, String> values) {

    static boolean isAperio(String description) {
        return description != null && description.startsWith("Aperio");
    }

    static AperioDescription parse(String description) {
        String[] parts = description.split("\\|");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = parts[i].substring(0, eq).strip();
            String value = parts[i].substring(eq + 1).strip();
            if (!key.isEmpty()) {
                values.put(key, value);
            }
        }
        return new AperioDescription(parts[0], values);
    }

    /** A positive number, or NaN. */
    double number(String key) {
        String v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            return d > 0 && Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * What an associated image's description names it: the second line of an Aperio description
     * starts with "label" or "macro" (e.g. {@code "Aperio Image Library v11.2.1\nlabel 387x463"}).
     */
    static String associatedName(String description) {
        if (description == null) {
            return null;
        }
        String[] lines = description.split("\\r?\\n");
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("label")) {
                return "label";
            }
            if (l.startsWith("macro")) {
                return "macro";
            }
        }
        return null;
    }
}
