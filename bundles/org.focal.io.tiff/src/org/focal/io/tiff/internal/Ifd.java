package org.focal.io.tiff.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One image file directory: the entries of the tags in {@link Tags}, values read from the file on
 * demand and checked against its size.
 */
final class Ifd {

    /** Integer arrays longer than this (tile offsets of gigantic images) are read per element. */
    static final int MAX_IN_MEMORY = 1 << 20;

    record Entry(int tag, int type, long count, long valueOffset, byte[] inline) {
    }

    /** A read-only array of unsigned integers (tile offsets, byte counts). */
    interface LongTable {
        long length();

        long get(long index) throws IOException;
    }

    final TiffFile file;
    final long offset;
    long next;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private List<Ifd> subIfds;

    Ifd(TiffFile file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    void put(Entry e) {
        entries.put(e.tag(), e);
    }

    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    long count(int tag) {
        Entry e = entries.get(tag);
        return e == null ? 0 : e.count();
    }

    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1; // BYTE, ASCII, SBYTE, UNDEFINED
            case 3, 8 -> 2; // SHORT, SSHORT
            case 4, 9, 11, 13 -> 4; // LONG, SLONG, FLOAT, IFD
            case 5, 10, 12, 16, 17, 18 -> 8; // RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8, IFD8
            default -> 0;
        };
    }

    private ByteBuffer raw(Entry e, long maxBytes) throws IOException {
        long len = e.count() * typeSize(e.type());
        if (len > maxBytes) {
            throw file.bad("tag " + e.tag() + " of the IFD at offset " + offset + " has " + e.count()
                    + " values, more than expected");
        }
        if (e.inline() != null) {
            return ByteBuffer.wrap(e.inline()).order(file.order);
        }
        return file.read(e.valueOffset(), (int) len);
    }

    private static long element(ByteBuffer b, int type, int i) {
        return switch (type) {
            case 1, 2, 7 -> b.get(i) & 0xFFL;
            case 6 -> b.get(i);
            case 3 -> b.getShort(2 * i) & 0xFFFFL;
            case 8 -> b.getShort(2 * i);
            case 4, 13 -> b.getInt(4 * i) & 0xFFFFFFFFL;
            case 9 -> b.getInt(4 * i);
            case 16, 17, 18 -> b.getLong(8 * i);
            case 11 -> (long) b.getFloat(4 * i);
            case 12 -> (long) b.getDouble(8 * i);
            default -> 0; // rationals are read with rational()
        };
    }

    private static boolean isInteger(int type) {
        return switch (type) {
            case 1, 3, 4, 6, 8, 9, 13, 16, 17, 18 -> true;
            default -> false;
        };
    }

    /** First value of an integer tag, or {@code def} when absent. */
    long longValue(int tag, long def) throws IOException {
        Entry e = entries.get(tag);
        if (e == null || e.count() == 0) {
            return def;
        }
        if (!isInteger(e.type())) {
            throw file.bad("tag " + tag + " has type " + e.type() + ", expected an integer");
        }
        ByteBuffer b = e.inline() != null ? ByteBuffer.wrap(e.inline()).order(file.order)
                : file.read(e.valueOffset(), typeSize(e.type()));
        return element(b, e.type(), 0);
    }

    /** All values of a small integer tag (BitsPerSample, SubIFDs, YCbCrSubsampling, ...). */
    long[] longs(int tag, int maxCount) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return new long[0];
        }
        if (!isInteger(e.type())) {
            throw file.bad("tag " + tag + " has type " + e.type() + ", expected integers");
        }
        if (e.count() > maxCount) {
            throw file.bad("tag " + tag + " of the IFD at offset " + offset + " has " + e.count()
                    + " values, at most " + maxCount + " expected");
        }
        ByteBuffer b = raw(e, (long) maxCount * 8);
        long[] out = new long[(int) e.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = element(b, e.type(), i);
        }
        return out;
    }

    /** An integer array such as TileOffsets; large ones stay in the file and are read per element. */
    LongTable table(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (!isInteger(e.type())) {
            throw file.bad("tag " + tag + " has type " + e.type() + ", expected integers");
        }
        long n = e.count();
        int ts = typeSize(e.type());
        if (n <= MAX_IN_MEMORY) {
            long[] values = longs(tag, MAX_IN_MEMORY);
            return new LongTable() {
                @Override
                public long length() {
                    return values.length;
                }

                @Override
                public long get(long index) {
                    return values[(int) index];
                }
            };
        }
        long base = e.valueOffset();
        if (base < 0 || base > file.size - n * ts) {
            throw file.bad("tag " + tag + " values lie past the end of the file (truncated?)");
        }
        int type = e.type();
        return new LongTable() {
            @Override
            public long length() {
                return n;
            }

            @Override
            public long get(long index) throws IOException {
                return element(file.read(base + index * ts, ts), type, 0);
            }
        };
    }

    /** First RATIONAL (or float) value, NaN when absent or with a zero denominator. */
    double rational(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null || e.count() == 0) {
            return Double.NaN;
        }
        ByteBuffer b = e.inline() != null ? ByteBuffer.wrap(e.inline()).order(file.order)
                : file.read(e.valueOffset(), typeSize(e.type()));
        return switch (e.type()) {
            case 5 -> {
                long num = b.getInt(0) & 0xFFFFFFFFL;
                long den = b.getInt(4) & 0xFFFFFFFFL;
                yield den == 0 ? Double.NaN : (double) num / den;
            }
            case 10 -> {
                int den = b.getInt(4);
                yield den == 0 ? Double.NaN : (double) b.getInt(0) / den;
            }
            case 11 -> b.getFloat(0);
            case 12 -> b.getDouble(0);
            default -> isInteger(e.type()) ? element(b, e.type(), 0) : Double.NaN;
        };
    }

    /** An ASCII tag (NUL-terminated), at most {@code maxBytes} read; null when absent. */
    String ascii(int tag, int maxBytes) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        int len = (int) Math.min(e.count(), maxBytes);
        byte[] bytes;
        if (e.inline() != null) {
            bytes = e.inline();
        } else {
            bytes = file.readBytes(e.valueOffset(), len);
        }
        int end = 0;
        while (end < Math.min(len, bytes.length) && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** The raw bytes of an UNDEFINED/BYTE tag such as JPEGTables; null when absent. */
    byte[] bytes(int tag, int maxBytes) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        long len = e.count() * typeSize(e.type());
        if (len > maxBytes) {
            throw file.bad("tag " + tag + " has " + len + " bytes, at most " + maxBytes + " expected");
        }
        return e.inline() != null ? e.inline() : file.readBytes(e.valueOffset(), (int) len);
    }

    /** The SubIFDs of this IFD (OME-TIFF and libvips pyramids), parsed once. */
    synchronized List<Ifd> subIfds() throws IOException {
        if (subIfds == null) {
            long[] offsets = longs(Tags.SUB_IFDS, 64);
            subIfds = file.readSubIfds(offsets);
        }
        return subIfds;
    }
}
