package org.focal.learn.xgboost.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks in Java that model bytes are one complete, well-formed UBJSON (or JSON) document and a
 * consistent tree model before they reach libxgboost, which trusts them: its UBJSON reader reads past
 * the end of a truncated buffer (SIGSEGV in {@code UBJReader::ParseArray}) and a tree whose node
 * count or child indices do not fit its arrays crashes {@code RegTree::LoadModel} (both seen in our
 * tests), which would take the whole application down. See {@link ModelCheck} for the tree rules.
 */
final class ModelBytes {

    private static final int MAX_DEPTH = 64;

    private final byte[] b;
    private int pos;

    private ModelBytes(byte[] bytes) {
        this.b = bytes;
    }

    /** Throws a one-line {@link BadInputException} unless {@code bytes} is one whole UBJSON or JSON object. */
    static void check(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new BadInputException("not an XGBoost model: " + (bytes == null ? "no bytes" : bytes.length + " bytes"));
        }
        int first = 0;
        while (first < bytes.length && isJsonSpace(bytes[first])) {
            first++;
        }
        if (first == bytes.length || bytes[first] != '{') {
            throw new BadInputException("not an XGBoost model (expected UBJSON or JSON, " + bytes.length + " bytes)");
        }
        Object[] document = new Object[1];
        String problem = looksLikeJson(bytes, first) ? checkJson(bytes, document) : new ModelBytes(bytes).checkUbj(document);
        if (problem == null) {
            problem = ModelCheck.problem(document[0]);
        }
        if (problem != null) {
            throw new BadInputException("not a readable XGBoost model (" + bytes.length + " bytes): " + problem);
        }
    }

    private static boolean isJsonSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** JSON continues '{' with whitespace, '"' or '}'; UBJSON with a length marker of the first key or '#'/'$'/'}'. */
    private static boolean looksLikeJson(byte[] bytes, int brace) {
        int i = brace + 1;
        while (i < bytes.length && isJsonSpace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '"';
    }

    private static String checkJson(byte[] bytes, Object[] document) {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "JSON model is not an object";
            }
            document[0] = mapper.readValue(p, Map.class);
            if (p.nextToken() != null) {
                return "data after the JSON model";
            }
            return null;
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            return "broken JSON: " + (nl < 0 ? m : m.substring(0, nl));
        }
    }

    private String checkUbj(Object[] document) {
        try {
            document[0] = value(next(), 0);
            if (pos != b.length) {
                return (b.length - pos) + " bytes after the end of the model";
            }
            return null;
        } catch (Broken e) {
            return e.getMessage();
        }
    }

    private static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message, null, false, false);
        }
    }

    private byte next() throws Broken {
        if (pos >= b.length) {
            throw new Broken("UBJSON ends early at byte " + pos);
        }
        return b[pos++];
    }

    private void skip(long n) throws Broken {
        if (n < 0 || n > b.length - pos) {
            throw new Broken("UBJSON ends early: " + n + " bytes needed at byte " + pos + ", " + (b.length - pos) + " left");
        }
        pos += (int) n;
    }

    private long readLength() throws Broken {
        long n = integer(next());
        if (n < 0) {
            throw new Broken("negative UBJSON length " + n + " at byte " + pos);
        }
        return n;
    }

    private long integer(byte type) throws Broken {
        int size = switch (type) {
            case 'i', 'U' -> 1;
            case 'I' -> 2;
            case 'l' -> 4;
            case 'L' -> 8;
            default -> throw new Broken("UBJSON length of type '" + (char) type + "' at byte " + (pos - 1));
        };
        int start = pos;
        skip(size);
        long v = type == 'U' ? b[start] & 0xff : b[start];
        for (int i = 1; i < size; i++) {
            v = (v << 8) | (b[start + i] & 0xff);
        }
        return v;
    }

    /** Whether the {@code count} big-endian float32 ('d') or float64 ('D') values from {@code start} are all finite. */
    private boolean allFinite(int start, int count, byte type) {
        for (int i = 0; i < count; i++) {
            if (type == 'd') {
                int bits = 0;
                for (int k = 0; k < 4; k++) {
                    bits = (bits << 8) | (b[start + 4 * i + k] & 0xff);
                }
                if (!Float.isFinite(Float.intBitsToFloat(bits))) {
                    return false;
                }
            } else if (type == 'D') {
                long bits = 0;
                for (int k = 0; k < 8; k++) {
                    bits = (bits << 8) | (b[start + 8 * i + k] & 0xff);
                }
                if (!Double.isFinite(Double.longBitsToDouble(bits))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Size of a fixed-size value of {@code type}, -1 for containers and strings. */
    private static int fixedSize(byte type) {
        return switch (type) {
            case 'Z', 'N', 'T', 'F' -> 0;
            case 'i', 'U', 'C' -> 1;
            case 'I' -> 2;
            case 'l', 'd' -> 4;
            case 'L', 'D' -> 8;
            default -> -1;
        };
    }

    /** The value: Long, Double, Boolean, String, null, Map, List, or long[] for a typed integer array. */
    private Object value(byte type, int depth) throws Broken {
        if (depth > MAX_DEPTH) {
            throw new Broken("UBJSON nested deeper than " + MAX_DEPTH);
        }
        return switch (type) {
            case 'Z', 'N' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'i', 'U', 'I', 'l', 'L' -> integer(type);
            case 'C' -> {
                skip(1);
                yield String.valueOf((char) (b[pos - 1] & 0xff));
            }
            case 'd' -> {
                long bits = integer((byte) 'l');
                yield (double) Float.intBitsToFloat((int) bits);
            }
            case 'D' -> Double.longBitsToDouble(integer((byte) 'L'));
            case 'S', 'H' -> string();
            case '[' -> container(depth, false);
            case '{' -> container(depth, true);
            default -> throw new Broken("unknown UBJSON type '" + (char) (type & 0xff) + "' at byte " + (pos - 1));
        };
    }

    private String string() throws Broken {
        long n = readLength();
        int start = pos;
        skip(n);
        return new String(b, start, (int) n, StandardCharsets.UTF_8);
    }

    private Object container(int depth, boolean object) throws Broken {
        byte elementType = 0;
        long count = -1;
        if (pos < b.length && b[pos] == '$') {
            pos++;
            elementType = next();
            if (next() != '#') {
                throw new Broken("UBJSON typed container without count at byte " + (pos - 1));
            }
            count = readLength();
        } else if (pos < b.length && b[pos] == '#') {
            pos++;
            count = readLength();
        }
        Map<String, Object> map = object ? new LinkedHashMap<>() : null;
        List<Object> list = object ? null : new ArrayList<>();
        if (count >= 0) {
            int fixed = elementType == 0 ? -1 : fixedSize(elementType);
            if (fixed >= 0 && !object) {
                if (count > (b.length - pos) / Math.max(1, fixed)) {
                    throw new Broken("UBJSON array of " + count + " values does not fit into the remaining "
                            + (b.length - pos) + " bytes");
                }
                if (elementType == 'i' || elementType == 'U' || elementType == 'I' || elementType == 'l' || elementType == 'L') {
                    long[] values = new long[(int) count];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = integer(elementType);
                    }
                    return values;
                }
                int start = pos;
                skip(count * fixed);
                // the checks need only their number and whether all are finite
                return new ModelCheck.Floats(count, allFinite(start, (int) count, elementType));
            }
            if (count > b.length - pos) {
                throw new Broken("UBJSON container of " + count + " values does not fit into the remaining "
                        + (b.length - pos) + " bytes");
            }
            for (long i = 0; i < count; i++) {
                String key = object ? string() : null;
                Object v = value(elementType == 0 ? next() : elementType, depth + 1);
                if (object) {
                    map.put(key, v);
                } else {
                    list.add(v);
                }
            }
            return object ? map : list;
        }
        byte end = (byte) (object ? '}' : ']');
        while (true) {
            if (pos >= b.length) {
                throw new Broken("UBJSON " + (object ? "object" : "array") + " not closed");
            }
            if (b[pos] == end) {
                pos++;
                return object ? map : list;
            }
            String key = object ? string() : null;
            Object v = value(next(), depth + 1);
            if (object) {
                map.put(key, v);
            } else {
                list.add(v);
            }
        }
    }
}
