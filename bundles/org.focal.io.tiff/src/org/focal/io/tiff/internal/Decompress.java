package org.focal.io.tiff.internal;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The lossless TIFF compressions (LZW, Deflate, PackBits) and the horizontal predictor. Every
 * decoder writes into an array of the expected size and stops there, whatever the input claims;
 * short input leaves zeros.
 */
final class Decompress {

    private Decompress() {
    }

    /** TIFF LZW (MSB-first codes, "early change" code width switch). */
    static byte[] lzw(byte[] in, int expected) throws IOException {
        byte[] out = new byte[expected];
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
            prefix[i] = -1;
        }
        int next = 258;
        int width = 9;
        int old = -1;
        int op = 0;
        long bits = 0;
        int bitCount = 0;
        int ip = 0;
        while (op < expected) {
            while (bitCount < width) {
                if (ip >= in.length) {
                    return out; // input ended without an EOI code
                }
                bits = (bits << 8) | (in[ip++] & 0xFF);
                bitCount += 8;
            }
            int code = (int) (bits >>> (bitCount - width)) & ((1 << width) - 1);
            bitCount -= width;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            if (old == -1) {
                if (code > 255) {
                    throw new IOException("corrupt LZW data: code " + code + " after a clear code");
                }
                out[op++] = (byte) code;
                old = code;
                continue;
            }
            int emit;
            if (code < next) {
                emit = code;
                if (next < 4096) {
                    prefix[next] = old;
                    suffix[next] = first[code];
                    first[next] = first[old];
                    length[next] = length[old] + 1;
                    next++;
                }
            } else if (code == next && next < 4096) {
                prefix[next] = old;
                suffix[next] = first[old];
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
                emit = code;
            } else {
                throw new IOException("corrupt LZW data: code " + code + " beyond the table (" + next + ")");
            }
            int len = length[emit];
            int end = op + len;
            int c = emit;
            // write the string backwards from its last byte, dropping what does not fit
            for (int p = end - 1; p >= op; p--) {
                if (p < expected) {
                    out[p] = suffix[c];
                }
                c = prefix[c];
            }
            op = Math.min(end, expected);
            old = emit;
            if (next >= (1 << width) - 1 && width < 12) {
                width++;
            }
        }
        return out;
    }

    /** Deflate / Adobe Deflate (zlib stream). */
    static byte[] inflate(byte[] in, int expected) throws IOException {
        byte[] out = new byte[expected];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int k = inflater.inflate(out, n, expected - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt Deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out;
    }

    /** PackBits run-length encoding. */
    static byte[] packBits(byte[] in, int expected) {
        byte[] out = new byte[expected];
        int ip = 0;
        int op = 0;
        while (ip < in.length && op < expected) {
            int n = in[ip++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(expected - op, in.length - ip));
                System.arraycopy(in, ip, out, op, count);
                ip += n + 1;
                op += count;
            } else if (n != -128) {
                if (ip >= in.length) {
                    break;
                }
                byte b = in[ip++];
                int count = Math.min(1 - n, expected - op);
                java.util.Arrays.fill(out, op, op + count, b);
                op += count;
            }
        }
        return out;
    }
}
