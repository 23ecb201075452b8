package org.focal.io.dicom.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One attribute of a parsed data set. Small values are held in memory; large binary values only
 * by position ({@code value} is then null). Sequences hold their items.
 */
record DicomElement(int tag, String vr, long offset, long length, byte[] value, boolean bigEndian, List<DicomObject> items) {

    static String tagString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    boolean isSequence() {
        return items != null;
    }

    /** The value as text (numbers of binary VRs formatted, multiple values joined by '\'), or null. */
    String text() {
        if (value == null) {
            return null;
        }
        switch (vr) {
            case "US", "SS", "UL", "SL", "FL", "FD", "AT", "SV", "UV" -> {
                return binaryText();
            }
            case "OB", "OW", "OF", "OD", "OL", "OV", "UN", "SQ" -> {
                return null;
            }
            default -> {
                int end = value.length;
                while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == 0)) {
                    end--;
                }
                int start = 0;
                if (!"UT".equals(vr) && !"ST".equals(vr) && !"LT".equals(vr)) {
                    while (start < end && value[start] == ' ') {
                        start++;
                    }
                }
                return new String(value, start, end - start, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private String binaryText() {
        int size = switch (vr) {
            case "US", "SS" -> 2;
            case "FD", "SV", "UV" -> 8;
            default -> 4;
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + size <= value.length; i += size) {
            long raw = 0;
            for (int k = 0; k < size; k++) {
                int b = value[bigEndian ? i + k : i + size - 1 - k] & 0xFF;
                raw = (raw << 8) | b;
            }
            if (sb.length() > 0) {
                sb.append('\\');
            }
            switch (vr) {
                case "US", "UL" -> sb.append(raw);
                case "SS" -> sb.append((short) raw);
                case "SL" -> sb.append((int) raw);
                case "FL" -> sb.append(Float.intBitsToFloat((int) raw));
                case "FD" -> sb.append(Double.longBitsToDouble(raw));
                case "SV" -> sb.append(raw);
                case "UV" -> sb.append(Long.toUnsignedString(raw));
                case "AT" -> sb.append(tagString((int) ((raw >>> 16) | (raw << 16))));
                default -> sb.append(raw);
            }
        }
        return sb.toString();
    }
}
