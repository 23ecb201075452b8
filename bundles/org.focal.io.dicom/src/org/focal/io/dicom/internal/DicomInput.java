package org.focal.io.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.BadInputException;

/**
 * Sequential, buffered reading of a {@link ByteSource} for header parsing. Every read is checked
 * against the source size, so a corrupt length can never make the parser allocate or wait.
 */
final class DicomInput {

    private final ByteSource src;
    private final Path file;
    private final byte[] buf = new byte[1 << 16];
    private long bufStart;
    private int bufLen;
    private long pos;
    boolean bigEndian;

    DicomInput(ByteSource src, Path file) {
        this.src = src;
        this.file = file;
    }

    Path file() {
        return file;
    }

    ByteSource source() {
        return src;
    }

    long size() {
        return src.size();
    }

    long position() {
        return pos;
    }

    void seek(long p) {
        pos = p;
    }

    long remaining() {
        return src.size() - pos;
    }

    BadInputException fail(String problem) {
        return BadInputException.forFile(file, problem);
    }

    private int at(int n) throws IOException {
        if (pos < 0 || n > src.size() - pos) {
            throw fail("file is truncated: " + n + " bytes needed at offset " + pos + " but the file has " + src.size());
        }
        if (pos < bufStart || pos + n > bufStart + bufLen) {
            bufStart = pos;
            bufLen = (int) Math.min(buf.length, src.size() - pos);
            src.read(bufStart, buf, 0, bufLen);
        }
        int i = (int) (pos - bufStart);
        pos += n;
        return i;
    }

    int u8() throws IOException {
        return buf[at(1)] & 0xFF;
    }

    int u16() throws IOException {
        int i = at(2);
        int a = buf[i] & 0xFF;
        int b = buf[i + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    long u32() throws IOException {
        int i = at(4);
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int byteIndex = bigEndian ? i + k : i + 3 - k;
            v = (v << 8) | (buf[byteIndex] & 0xFF);
        }
        return v;
    }

    /** Two ASCII characters (an explicit VR). */
    String vr() throws IOException {
        int i = at(2);
        return new String(new char[] {(char) (buf[i] & 0xFF), (char) (buf[i + 1] & 0xFF)});
    }

    byte[] bytes(int n) throws IOException {
        if (n <= buf.length) {
            int i = at(n);
            byte[] out = new byte[n];
            System.arraycopy(buf, i, out, 0, n);
            return out;
        }
        if (n > src.size() - pos) {
            throw fail("file is truncated: " + n + " bytes needed at offset " + pos + " but the file has " + src.size());
        }
        byte[] out = src.read(pos, n);
        pos += n;
        return out;
    }

    void skip(long n) {
        pos += n;
    }
}
