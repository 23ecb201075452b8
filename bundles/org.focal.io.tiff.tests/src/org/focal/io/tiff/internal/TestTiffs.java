package org.focal.io.tiff.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Writes small classic or BigTIFF files entry by entry, so that tests can make them as broken as they like. */
final class TestTiffs {

    static final int SHORT = 3;
    static final int LONG = 4;
    static final int LONG8 = 16;

    /** One IFD entry; {@code values} are written after the IFD when they do not fit inline, unless {@code rawOffset} is set. */
    record E(int tag, int type, long count, long[] values, Long rawOffset) {
    }

    static E e(int tag, long... values) {
        return new E(tag, LONG, values.length, values, null);
    }

    /** An entry whose count and value offset are given as is (for lying entries). */
    static E lying(int tag, int type, long count, long offset) {
        return new E(tag, type, count, null, offset);
    }

    private final boolean big;
    private final List<List<E>> ifds = new ArrayList<>();
    private final List<Long> nextOverride = new ArrayList<>();
    private byte[] payload = new byte[0];

    TestTiffs(boolean big) {
        this.big = big;
    }

    TestTiffs ifd(E... entries) {
        ifds.add(List.of(entries));
        nextOverride.add(null);
        return this;
    }

    /** Makes IFD {@code index} point to {@code offset} as its next IFD. */
    TestTiffs next(int index, long offset) {
        nextOverride.set(index, offset);
        return this;
    }

    TestTiffs payload(byte[] bytes) {
        payload = bytes;
        return this;
    }

    /** Offset where IFD {@code i} is written (IFDs follow the header back to back, each with its arrays). */
    long ifdOffset(int i) {
        long o = big ? 16 : 8;
        for (int k = 0; k < i; k++) {
            o += ifdSize(ifds.get(k));
        }
        return o;
    }

    /** Offset of the payload, after all IFDs. */
    long payloadOffset() {
        return ifdOffset(ifds.size());
    }

    private int ifdSize(List<E> entries) {
        int entrySize = big ? 20 : 12;
        int size = (big ? 8 : 2) + entries.size() * entrySize + (big ? 8 : 4);
        for (E e : entries) {
            if (e.values() != null && e.values().length * (long) typeSize(e.type()) > (big ? 8 : 4)) {
                size += e.values().length * typeSize(e.type());
            }
        }
        return size;
    }

    private static int typeSize(int type) {
        return type == SHORT ? 2 : type == LONG ? 4 : 8;
    }

    byte[] bytes() {
        int total = (int) payloadOffset() + payload.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I');
        if (big) {
            b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
        } else {
            b.putShort((short) 42).putInt(8);
        }
        for (int i = 0; i < ifds.size(); i++) {
            List<E> entries = new ArrayList<>(ifds.get(i));
            entries.sort((x, y) -> Integer.compare(x.tag(), y.tag()));
            long start = ifdOffset(i);
            long extra = start + (big ? 8 : 2) + entries.size() * (big ? 20 : 12) + (big ? 8 : 4);
            b.position((int) start);
            if (big) {
                b.putLong(entries.size());
            } else {
                b.putShort((short) entries.size());
            }
            List<E> deferred = new ArrayList<>();
            for (E e : entries) {
                b.putShort((short) e.tag()).putShort((short) e.type());
                if (big) {
                    b.putLong(e.count());
                } else {
                    b.putInt((int) e.count());
                }
                int inline = big ? 8 : 4;
                int pos = b.position();
                if (e.rawOffset() != null) {
                    putOffset(b, e.rawOffset());
                } else if (e.values().length * typeSize(e.type()) <= inline) {
                    for (long v : e.values()) {
                        putValue(b, e.type(), v);
                    }
                } else {
                    putOffset(b, extra);
                    extra += e.values().length * typeSize(e.type());
                    deferred.add(e);
                }
                b.position(pos + inline);
            }
            Long next = nextOverride.get(i);
            putOffset(b, next != null ? next : i + 1 < ifds.size() ? ifdOffset(i + 1) : 0);
            for (E e : deferred) {
                for (long v : e.values()) {
                    putValue(b, e.type(), v);
                }
            }
        }
        b.position((int) payloadOffset());
        b.put(payload);
        return b.array();
    }

    private void putOffset(ByteBuffer b, long v) {
        if (big) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
    }

    private static void putValue(ByteBuffer b, int type, long v) {
        switch (type) {
            case SHORT -> b.putShort((short) v);
            case LONG -> b.putInt((int) v);
            default -> b.putLong(v);
        }
    }
}
