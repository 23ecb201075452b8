package org.focal.io.nrrd.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.image.PixelType;

/**
 * The text header of an NRRD file (teem format, NRRD0001-0005): fields, key/value pairs, and where
 * the data is. Only the fields that define the voxel grid are interpreted.
 */
final class NrrdHeader {

    /** Headers longer than this are not NRRD headers but garbage; stops runaway reads. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, String> keyValues = new LinkedHashMap<>();
    /** Offset of the attached data (just after the blank line), or -1 for a detached header. */
    long dataOffset = -1;

    PixelType type;
    int dimension;
    long[] sizes;
    String encoding;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** One vector per axis, null for non-spatial axes (space directions "none"). */
    double[][] spaceDirections;
    double[] spaceOrigin;
    String space;
    Path dataFile;
    long byteSkip;
    long lineSkip;

    static boolean hasMagic(byte[] head) {
        return head.length >= 8 && new String(head, 0, 8, StandardCharsets.US_ASCII).matches("NRRD000[1-5]");
    }

    static NrrdHeader read(Path file, InputStream in) throws IOException {
        NrrdHeader h = new NrrdHeader();
        long offset = 0;
        boolean first = true;
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
                if (++offset > MAX_HEADER_BYTES) {
                    throw BadInputException.forFile(file, "NRRD header longer than 1 MB; not an NRRD file");
                }
            }
            if (b == '\n') {
                offset++;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (first) {
                if (!text.matches("NRRD000[1-5]")) {
                    throw BadInputException.forFile(file, "not an NRRD file (no NRRD000x magic line)");
                }
                first = false;
            } else if (text.isEmpty()) {
                h.dataOffset = b == -1 ? -1 : offset;
                break;
            } else if (!text.startsWith("#")) {
                h.parseLine(file, text);
            }
            if (b == -1) {
                break; // detached header without a trailing blank line
            }
        }
        h.interpret(file);
        return h;
    }

    private void parseLine(Path file, String text) {
        int kv = text.indexOf(":=");
        int colon = text.indexOf(": ");
        if (kv > 0 && (colon < 0 || kv < colon)) {
            keyValues.put(text.substring(0, kv), text.substring(kv + 2));
        } else if (colon > 0) {
            fields.put(text.substring(0, colon).toLowerCase(Locale.ROOT), text.substring(colon + 2).strip());
        } else {
            throw BadInputException.forFile(file, "malformed NRRD header line '" + Excerpt.of(text) + "'");
        }
    }

    private void interpret(Path file) {
        type = parseType(file, require(file, "type"));
        try {
            dimension = Integer.parseInt(require(file, "dimension"));
            String[] s = require(file, "sizes").split("\\s+");
            if (dimension < 1 || dimension > 16 || s.length != dimension) {
                throw BadInputException.forFile(file, "NRRD dimension " + dimension + " does not match sizes " + Excerpt.quoted(fields.get("sizes")));
            }
            sizes = new long[dimension];
            for (int i = 0; i < dimension; i++) {
                sizes[i] = Long.parseLong(s[i]);
                if (sizes[i] < 1) {
                    throw BadInputException.forFile(file, "NRRD size " + sizes[i] + " is not positive");
                }
            }
            byteSkip = Long.parseLong(fields.getOrDefault("byte skip", "0"));
            lineSkip = Long.parseLong(fields.getOrDefault("line skip", "0"));
        } catch (NumberFormatException e) {
            throw BadInputException.forFile(file, "NRRD header has a malformed number: " + Excerpt.message(e.getMessage()));
        }
        encoding = require(file, "encoding").toLowerCase(Locale.ROOT);
        String endian = fields.getOrDefault("endian", "little");
        order = endian.equalsIgnoreCase("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        space = fields.get("space");
        if (fields.containsKey("space directions")) {
            spaceDirections = parseDirections(file, fields.get("space directions"));
        }
        if (fields.containsKey("space origin")) {
            double[][] o = parseDirections(file, fields.get("space origin"));
            spaceOrigin = o[0];
        }
        String df = fields.containsKey("data file") ? fields.get("data file") : fields.get("datafile");
        if (df != null) {
            if (df.startsWith("LIST") || df.contains("%")) {
                throw BadInputException.forFile(file, "NRRD detached data in several files is not supported");
            }
            Path p = Path.of(df);
            dataFile = p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
        }
    }

    private String require(Path file, String field) {
        String v = fields.get(field);
        if (v == null) {
            throw BadInputException.forFile(file, "NRRD header lacks the required field '" + field + "'");
        }
        return v;
    }

    private static PixelType parseType(Path file, String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "signed char", "int8", "int8_t" -> PixelType.INT8;
            case "uchar", "unsigned char", "uint8", "uint8_t" -> PixelType.UINT8;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> PixelType.INT16;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> PixelType.UINT16;
            case "int", "signed int", "int32", "int32_t" -> PixelType.INT32;
            case "uint", "unsigned int", "uint32", "uint32_t" -> PixelType.UINT32;
            case "float" -> PixelType.FLOAT32;
            case "double" -> PixelType.FLOAT64;
            default -> throw BadInputException.forFile(file, "NRRD type " + Excerpt.quoted(t) + " is not supported");
        };
    }

    /** Parses "(a,b,c) none (d,e,f)" into vectors, null for "none". */
    private double[][] parseDirections(Path file, String text) {
        List<double[]> vectors = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            if (rest.startsWith("none")) {
                vectors.add(null);
                rest = rest.substring(4).strip();
                continue;
            }
            int close = rest.indexOf(')');
            if (!rest.startsWith("(") || close < 0) {
                throw BadInputException.forFile(file, "malformed NRRD vector list '" + Excerpt.of(text) + "'");
            }
            String[] parts = rest.substring(1, close).split(",");
            double[] v = new double[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    v[i] = Double.parseDouble(parts[i].strip());
                }
            } catch (NumberFormatException e) {
                throw BadInputException.forFile(file, "malformed NRRD vector '" + Excerpt.of(text) + "'");
            }
            vectors.add(v);
            rest = rest.substring(close + 1).strip();
        }
        return vectors.toArray(double[][]::new);
    }

}
