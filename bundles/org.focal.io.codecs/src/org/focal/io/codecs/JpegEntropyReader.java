package org.focal.io.codecs;

import java.io.IOException;

/**
 * What the own JPEG decoders share: bounds-checked reads of marker segments, and the bit reader of
 * entropy-coded data with canonical Huffman tables (T.81 Annex C and F.2.2.3). A marker met inside
 * entropy-coded data is left in place and pads with zero bits, as libjpeg does; data that ends
 * without one is an {@link IOException}.
 */
abstract class JpegEntropyReader {

    final byte[] data;
    int pos;
    private int bitBuffer;
    private int bitCount;
    private boolean hitMarker;

    JpegEntropyReader(byte[] data) {
        this.data = data;
    }

    /** Checks the start-of-image marker and moves past it. */
    void skipSoi() throws IOException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new IOException("not a JPEG stream (no SOI marker)");
        }
        pos = 2;
    }

    /** Skips a marker segment whose length field is next. */
    void skipSegment() throws IOException {
        pos = segmentEnd();
    }

    /** Start and end of a marker segment whose length field is next, checked against the stream. */
    int segmentEnd() throws IOException {
        int len = u16();
        int end = pos + len - 2;
        if (len < 2 || end > data.length) {
            throw new IOException("corrupt or truncated JPEG marker segment");
        }
        return end;
    }

    /** The next marker code from {@code pos} on (skipping anything else), or -1 at the end. */
    int nextMarker() {
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xFF) == 0xFF) {
                int m = data[pos + 1] & 0xFF;
                if (m != 0 && m != 0xFF) {
                    pos += 2;
                    return m;
                }
            }
            pos++;
        }
        return -1;
    }

    int u16() throws IOException {
        if (pos + 2 > data.length) {
            throw new IOException("JPEG stream is truncated");
        }
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u8() throws IOException {
        if (pos >= data.length) {
            throw new IOException("JPEG stream is truncated");
        }
        return data[pos++] & 0xFF;
    }

    /** The code lengths and values of one Huffman table in a DHT segment ending at {@code end}. */
    HuffmanTable readHuffmanTable(int end) throws IOException {
        if (pos + 16 > end) {
            throw new IOException("corrupt JPEG Huffman table");
        }
        int[] counts = new int[17];
        int total = 0;
        for (int i = 1; i <= 16; i++) {
            counts[i] = u8();
            total += counts[i];
        }
        if (total > 256 || pos + total > end) {
            throw new IOException("corrupt JPEG Huffman table");
        }
        int[] values = new int[total];
        for (int i = 0; i < total; i++) {
            values[i] = u8();
        }
        return new HuffmanTable(counts, values);
    }

    /** Starts entropy-coded data afresh (a scan or a restart interval). */
    void resetBits() {
        bitBuffer = 0;
        bitCount = 0;
        hitMarker = false;
    }

    /** Resets the bit reader and moves past the next RSTn marker; another marker first is an error. */
    void restart() throws IOException {
        resetBits();
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xFF) == 0xFF) {
                int m = data[pos + 1] & 0xFF;
                if (m >= 0xD0 && m <= 0xD7) {
                    pos += 2;
                    return;
                }
                if (m != 0 && m != 0xFF) {
                    throw new IOException("JPEG restart marker missing");
                }
            }
            pos++;
        }
        throw new IOException("JPEG stream is truncated (restart marker missing)");
    }

    /** One Huffman-coded symbol. */
    int decode(HuffmanTable t) throws IOException {
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            code = (code << 1) | bit();
            if (code <= t.maxCode[length]) {
                return t.values[t.valuePointer[length] + code - t.minCode[length]];
            }
        }
        throw new IOException("corrupt Huffman code in JPEG data");
    }

    int bits(int n) throws IOException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    int bit() throws IOException {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (bitBuffer >>> bitCount) & 1;
    }

    private void fill() throws IOException {
        if (hitMarker) {
            bitBuffer = 0;
            bitCount = 8;
            return;
        }
        if (pos >= data.length) {
            throw new IOException("JPEG data is truncated");
        }
        int b = data[pos] & 0xFF;
        if (b == 0xFF) {
            int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
            if (next == 0) {
                pos += 2;
            } else {
                hitMarker = true; // a marker: leave it for the marker reader and pad with zero bits
                bitBuffer = 0;
                bitCount = 8;
                return;
            }
        } else {
            pos++;
        }
        bitBuffer = b;
        bitCount = 8;
    }

    /** Canonical Huffman table (T.81 Annex C and F.2.2.3). */
    static final class HuffmanTable {
        final int[] maxCode = new int[18];
        final int[] minCode = new int[17];
        final int[] valuePointer = new int[17];
        final int[] values;

        HuffmanTable(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                valuePointer[length] = k;
                minCode[length] = code;
                code += counts[length];
                k += counts[length];
                maxCode[length] = counts[length] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }
}
