package org.focal.io.dicom.tests;

import java.io.ByteArrayOutputStream;

/**
 * A deliberately simple 12-bit sequential JPEG encoder for tests: float forward DCT, one
 * quantization table with 16-bit entries, fixed-length Huffman codes (5 bits for DC, 8 bits for
 * AC), restart intervals, any sampling factors, interleaved or one scan per component. It makes the streams dcmcjpeg cannot (restart markers, colour,
 * sampling factors); dcmtk's dcmdjpeg decodes them as the independent reference.
 */
final class Jpeg12Encoder {

    private static final int[] ZIGZAG_TO_NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int bitBuffer;
    private int bitCount;
    private final int[] acCode = new int[256];

    private Jpeg12Encoder() {
    }

    /**
     * @param planes one plane per component, samples 0..4095, each of the component's own size
     *        (T.81 A.1.1: {@code ceil(width * h / hmax)} by {@code ceil(height * v / vmax)})
     * @param h horizontal sampling factor of each component
     * @param v vertical sampling factor of each component
     * @param ids component ids (e.g. 'R','G','B')
     * @param sof 0xC1 (extended) or 0xC0 (baseline marker with 12-bit precision)
     */
    static byte[] encode(int[][] planes, int width, int height, int[] h, int[] v, int[] ids, int restartInterval,
            boolean interleaved, int sof) {
        return new Jpeg12Encoder().run(planes, width, height, h, v, ids, restartInterval, interleaved, sof);
    }

    private byte[] run(int[][] planes, int width, int height, int[] h, int[] v, int[] ids, int restart, boolean interleaved,
            int sof) {
        int n = planes.length;
        int maxH = 1;
        int maxV = 1;
        for (int c = 0; c < n; c++) {
            maxH = Math.max(maxH, h[c]);
            maxV = Math.max(maxV, v[c]);
        }
        int[] cw = new int[n];
        int[] ch = new int[n];
        for (int c = 0; c < n; c++) {
            cw[c] = (width * h[c] + maxH - 1) / maxH;
            ch[c] = (height * v[c] + maxV - 1) / maxV;
        }
        int[] q = new int[64];
        for (int i = 0; i < 64; i++) {
            q[i] = 4 + 3 * ((i % 8) + (i / 8)) + (i == 63 ? 300 : 0); // natural order; one entry needs 16 bits
        }
        marker(0xD8);
        // DQT, 16-bit entries (Pq = 1)
        segment(0xDB, 1 + 128);
        out.write(0x10);
        for (int k = 0; k < 64; k++) {
            int value = q[ZIGZAG_TO_NATURAL[k]];
            out.write(value >> 8);
            out.write(value & 0xFF);
        }
        // SOF
        segment(sof, 6 + 3 * n);
        out.write(12);
        out.write(height >> 8);
        out.write(height & 0xFF);
        out.write(width >> 8);
        out.write(width & 0xFF);
        out.write(n);
        for (int c = 0; c < n; c++) {
            out.write(ids[c]);
            out.write(h[c] << 4 | v[c]);
            out.write(0);
        }
        // DHT: DC categories 0..15 as 5-bit codes, AC symbols (EOB, ZRL, run/size up to size 14) as 8-bit codes
        int acSymbols = 2 + 16 * 14;
        segment(0xC4, 17 + 16 + 17 + acSymbols);
        out.write(0x00);
        for (int len = 1; len <= 16; len++) {
            out.write(len == 5 ? 16 : 0);
        }
        for (int s = 0; s < 16; s++) {
            out.write(s);
        }
        out.write(0x10);
        for (int len = 1; len <= 16; len++) {
            out.write(len == 8 ? acSymbols : 0);
        }
        int code = 0;
        int[] symbols = new int[acSymbols];
        symbols[0] = 0x00;
        symbols[1] = 0xF0;
        int k = 2;
        for (int r = 0; r < 16; r++) {
            for (int s = 1; s <= 14; s++) {
                symbols[k++] = r << 4 | s;
            }
        }
        for (int sym : symbols) {
            out.write(sym);
            acCode[sym] = code++;
        }
        if (restart > 0) {
            segment(0xDD, 2);
            out.write(restart >> 8);
            out.write(restart & 0xFF);
        }
        int mcusX = (width + 8 * maxH - 1) / (8 * maxH);
        int mcusY = (height + 8 * maxV - 1) / (8 * maxV);
        if (interleaved && n > 1) {
            scanHeader(ids);
            int[] pred = new int[n];
            int units = 0;
            int rst = 0;
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    if (restart > 0 && units > 0 && units % restart == 0) {
                        flush();
                        marker(0xD0 + (rst++ & 7));
                        java.util.Arrays.fill(pred, 0);
                    }
                    for (int c = 0; c < n; c++) {
                        for (int by = 0; by < v[c]; by++) {
                            for (int bx = 0; bx < h[c]; bx++) {
                                pred[c] = block(planes[c], cw[c], ch[c], (mx * h[c] + bx) * 8, (my * v[c] + by) * 8, q,
                                        pred[c]);
                            }
                        }
                    }
                    units++;
                }
            }
            flush();
        } else {
            for (int c = 0; c < n; c++) {
                scanHeader(new int[] {ids[c]});
                int pred = 0;
                int units = 0;
                int rst = 0;
                for (int by = 0; by < (ch[c] + 7) / 8; by++) {
                    for (int bx = 0; bx < (cw[c] + 7) / 8; bx++) {
                        if (restart > 0 && units > 0 && units % restart == 0) {
                            flush();
                            marker(0xD0 + (rst++ & 7));
                            pred = 0;
                        }
                        pred = block(planes[c], cw[c], ch[c], bx * 8, by * 8, q, pred);
                        units++;
                    }
                }
                flush();
            }
        }
        marker(0xD9);
        return out.toByteArray();
    }

    private void scanHeader(int[] ids) {
        segment(0xDA, 1 + 2 * ids.length + 3);
        out.write(ids.length);
        for (int id : ids) {
            out.write(id);
            out.write(0x00);
        }
        out.write(0);
        out.write(63);
        out.write(0);
    }

    /** Encodes the 8x8 block at (x0, y0), edges replicated; returns the DC value as the next predictor. */
    private int block(int[] plane, int width, int height, int x0, int y0, int[] q, int pred) {
        double[] s = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int sx = Math.min(x0 + x, width - 1);
                int sy = Math.min(y0 + y, height - 1);
                s[y * 8 + x] = plane[sy * width + sx] - 2048;
            }
        }
        int[] coef = new int[64];
        for (int u = 0; u < 8; u++) {
            for (int w = 0; w < 8; w++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += s[y * 8 + x] * Math.cos((2 * x + 1) * w * Math.PI / 16) * Math.cos((2 * y + 1) * u * Math.PI / 16);
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cw = w == 0 ? Math.sqrt(0.5) : 1;
                coef[u * 8 + w] = (int) Math.round(0.25 * cu * cw * sum / q[u * 8 + w]);
            }
        }
        int dc = coef[0];
        int diff = dc - pred;
        int cat = category(diff);
        bits(cat, 5);
        if (cat > 0) {
            bits(diff < 0 ? diff + (1 << cat) - 1 : diff, cat);
        }
        int run = 0;
        for (int k = 1; k < 64; k++) {
            int a = coef[ZIGZAG_TO_NATURAL[k]];
            if (a == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                bits(acCode[0xF0], 8);
                run -= 16;
            }
            int c = category(a);
            bits(acCode[run << 4 | c], 8);
            bits(a < 0 ? a + (1 << c) - 1 : a, c);
            run = 0;
        }
        if (run > 0) {
            bits(acCode[0x00], 8);
        }
        return dc;
    }

    private static int category(int a) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(a));
    }

    private void bits(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bitBuffer = bitBuffer << 1 | (value >> i & 1);
            if (++bitCount == 8) {
                out.write(bitBuffer);
                if (bitBuffer == 0xFF) {
                    out.write(0);
                }
                bitBuffer = 0;
                bitCount = 0;
            }
        }
    }

    /** Pads the last byte with 1 bits. */
    private void flush() {
        while (bitCount != 0) {
            bits(1, 1);
        }
    }

    private void marker(int m) {
        out.write(0xFF);
        out.write(m);
    }

    private void segment(int m, int payload) {
        marker(m);
        out.write((payload + 2) >> 8);
        out.write((payload + 2) & 0xFF);
    }
}
