package org.focal.io.dicom.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A data set or sequence item: attributes by tag. */
final class DicomObject {

    private final Map<Integer, DicomElement> elements = new TreeMap<>((a, b) -> Integer.compareUnsigned(a, b));

    void put(DicomElement e) {
        elements.put(e.tag(), e);
    }

    DicomElement get(int tag) {
        return elements.get(tag);
    }

    Collection<DicomElement> elements() {
        return elements.values();
    }

    String string(int tag) {
        DicomElement e = elements.get(tag);
        String s = e == null ? null : e.text();
        return s == null || s.isEmpty() ? null : s;
    }

    /** Values of a multi-valued attribute, trimmed. */
    String[] strings(int tag) {
        String s = string(tag);
        if (s == null) {
            return new String[0];
        }
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip();
        }
        return parts;
    }

    /** Numeric values (DS, IS or binary numbers); null when absent or not all numbers. */
    double[] doubles(int tag) {
        String[] parts = strings(tag);
        if (parts.length == 0) {
            return null;
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(out[i])) {
                return null;
            }
        }
        return out;
    }

    double doubleValue(int tag, double fallback) {
        double[] d = doubles(tag);
        return d == null ? fallback : d[0];
    }

    long longValue(int tag, long fallback) {
        double[] d = doubles(tag);
        return d == null || d[0] != Math.rint(d[0]) ? fallback : (long) d[0];
    }

    int intValue(int tag, int fallback) {
        long v = longValue(tag, fallback);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? fallback : (int) v;
    }

    List<DicomObject> sequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : e.items();
    }

    /** First item of a sequence, or null. */
    DicomObject item(int tag) {
        List<DicomObject> items = sequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    /** Follows a path of sequences through their first items. */
    DicomObject path(int... sequenceTags) {
        DicomObject o = this;
        for (int t : sequenceTags) {
            if (o == null) {
                return null;
            }
            o = o.item(t);
        }
        return o;
    }

}
