package org.focal.io.codecs;

import java.io.IOException;

/**
 * Decoder of sequential DCT JPEG (ITU T.81 baseline SOF0 and extended SOF1, Huffman coded) at 8 or
 * 12 bits precision, written for 12-bit DICOM frames (transfer syntax 1.2.840.10008.1.2.4.51,
 * processes 2 and 4) that the JDK's decoder refuses. One to four components, any sampling factors
 * (subsampled components upsampled as libjpeg 6b does), restart intervals, one interleaved scan or
 * one scan per component. The inverse DCT follows IJG libjpeg's "islow" method (the Loeffler,
 * Ligtenberg and Moschytz algorithm in 32-bit fixed point, 13 fraction bits, 1 extra bit between
 * the passes at 12 bits and 2 at 8 bits) and its range limiting, so samples equal those of libjpeg
 * with that method. No colour conversion: samples come out interleaved as stored, unsigned.
 *
 * <p>Every read is bounds-checked: corrupt or truncated data ends in an {@link IOException} with a
 * one-line reason. As libjpeg does, a marker met inside the entropy-coded data pads with zero bits.
 */
final class SequentialJpegDecoder extends JpegEntropyReader {

    private static final int CONST_BITS = 13;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    /** Zigzag position to natural (row-major) position within an 8x8 block. */
    private static final int[] NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    /** Largest image this decoder allocates for (samples), far above any DICOM frame. */
    private static final long MAX_SAMPLES = 1L << 28;

    private int precision;
    private int width;
    private int height;
    private Component[] components;
    private int maxH;
    private int maxV;
    private int mcusX;
    private int mcusY;
    private int restartInterval;
    private final int[][] quant = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private final int[] block = new int[64];
    private final int[] workspace = new int[64];

    private SequentialJpegDecoder(byte[] data) {
        super(data);
    }

    /**
     * Decodes a whole stream; {@code info} receives width, height, components and precision.
     *
     * @return the samples, interleaved by component, unsigned 0 .. 2^precision - 1
     */
    static short[] decode(byte[] data, int[] info) throws IOException {
        SequentialJpegDecoder d = new SequentialJpegDecoder(data);
        d.run();
        info[0] = d.width;
        info[1] = d.height;
        info[2] = d.components.length;
        info[3] = d.precision;
        return d.interleave();
    }

    private void run() throws IOException {
        skipSoi();
        boolean scanned = false;
        while (true) {
            int marker = nextMarker();
            if (marker < 0 || marker == 0xD9) {
                if (scanned && allComponentsScanned()) {
                    return; // a missing EOI is tolerated once every component was decoded
                }
                throw new IOException(marker < 0 ? "JPEG stream is truncated (ends before its image data)"
                        : "JPEG stream ends (EOI) before all components were decoded");
            }
            switch (marker) {
                case 0xC0, 0xC1 -> readFrame();
                case 0xC4 -> readHuffmanTables();
                case 0xDB -> readQuantTables();
                case 0xDD -> {
                    int len = u16();
                    if (len != 4) {
                        throw new IOException("corrupt JPEG DRI marker");
                    }
                    restartInterval = u16();
                }
                case 0xDA -> {
                    readScan();
                    scanned = true;
                }
                case 0xC2, 0xC6, 0xCA, 0xCE -> throw new IOException("progressive JPEG is not supported at "
                        + (precision == 0 ? "this" : precision + "-bit") + " precision");
                case 0xC3, 0xC7, 0xCB, 0xCF -> throw new IOException("lossless JPEG frame (SOF 0x"
                        + Integer.toHexString(marker) + ") in a sequential JPEG stream");
                case 0xC5, 0xC9, 0xCD -> throw new IOException("unsupported JPEG frame type (SOF 0x"
                        + Integer.toHexString(marker) + ", arithmetic or hierarchical coding)");
                case 0xCC -> throw new IOException("arithmetic-coded JPEG is not supported");
                default -> skipSegment();
            }
        }
    }

    private boolean allComponentsScanned() {
        if (components == null) {
            return false;
        }
        for (Component c : components) {
            if (!c.scanned) {
                return false;
            }
        }
        return true;
    }

    private void readFrame() throws IOException {
        if (components != null) {
            throw new IOException("JPEG stream has more than one frame header");
        }
        int end = segmentEnd();
        precision = u8();
        height = u16();
        width = u16();
        int n = u8();
        if (precision != 8 && precision != 12) {
            throw new IOException("unsupported sequential JPEG precision: " + precision + " bits");
        }
        if (width <= 0 || height <= 0) {
            throw new IOException("unsupported JPEG frame size " + width + " x " + height
                    + (height == 0 ? " (height from a DNL marker)" : ""));
        }
        if (n < 1 || n > 4) {
            throw new IOException("unsupported number of JPEG components: " + n);
        }
        if ((long) width * height * n > MAX_SAMPLES) {
            throw new IOException("JPEG frame too large: " + width + " x " + height + " x " + n);
        }
        components = new Component[n];
        maxH = 1;
        maxV = 1;
        for (int i = 0; i < n; i++) {
            Component c = new Component();
            c.id = u8();
            int hv = u8();
            c.h = hv >> 4;
            c.v = hv & 15;
            c.tq = u8();
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3) {
                throw new IOException("corrupt JPEG frame header (sampling factors or table id)");
            }
            for (int k = 0; k < i; k++) {
                if (components[k].id == c.id) {
                    throw new IOException("corrupt JPEG frame header (duplicate component id)");
                }
            }
            maxH = Math.max(maxH, c.h);
            maxV = Math.max(maxV, c.v);
            components[i] = c;
        }
        if (pos != end) {
            throw new IOException("corrupt JPEG frame header length");
        }
        mcusX = ceilDiv(width, 8 * maxH);
        mcusY = ceilDiv(height, 8 * maxV);
        for (Component c : components) {
            // the component's own size (T.81 A.1.1) and its block grid, padded to whole MCUs
            c.width = ceilDiv(width * c.h, maxH);
            c.height = ceilDiv(height * c.v, maxV);
            c.blocksX = mcusX * c.h;
            c.blocksY = mcusY * c.v;
            c.stride = c.blocksX * 8;
            c.pixels = new short[c.stride * c.blocksY * 8];
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void readQuantTables() throws IOException {
        int end = segmentEnd();
        while (pos < end) {
            int pqtq = u8();
            int pq = pqtq >> 4;
            int tq = pqtq & 15;
            if (pq > 1 || tq > 3 || pos + 64 * (pq + 1) > end) {
                throw new IOException("corrupt JPEG quantization table");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[NATURAL[k]] = pq == 0 ? u8() : u16();
            }
            quant[tq] = q;
        }
        if (pos != end) {
            throw new IOException("corrupt JPEG quantization table length");
        }
    }

    private void readHuffmanTables() throws IOException {
        int end = segmentEnd();
        while (pos < end) {
            int tcth = u8();
            int tc = tcth >> 4;
            int th = tcth & 15;
            if (tc > 1 || th > 3) {
                throw new IOException("corrupt JPEG Huffman table");
            }
            HuffmanTable h = readHuffmanTable(end);
            if (tc == 0) {
                dcTables[th] = h;
            } else {
                acTables[th] = h;
            }
        }
        if (pos != end) {
            throw new IOException("corrupt JPEG Huffman table length");
        }
    }

    private void readScan() throws IOException {
        if (components == null) {
            throw new IOException("JPEG scan before the frame header");
        }
        int end = segmentEnd();
        int ns = u8();
        if (ns < 1 || ns > components.length) {
            throw new IOException("corrupt JPEG scan header");
        }
        Component[] scan = new Component[ns];
        int blocksPerMcu = 0;
        for (int i = 0; i < ns; i++) {
            int id = u8();
            int tables = u8();
            Component c = null;
            for (Component k : components) {
                if (k.id == id) {
                    c = k;
                }
            }
            if (c == null || c.scanned) {
                throw new IOException("JPEG scan refers to an unknown or already decoded component");
            }
            int td = tables >> 4;
            int ta = tables & 15;
            if (td > 3 || ta > 3 || dcTables[td] == null || acTables[ta] == null) {
                throw new IOException("JPEG scan refers to a missing Huffman table");
            }
            if (quant[c.tq] == null) {
                throw new IOException("JPEG component refers to a missing quantization table");
            }
            c.dc = dcTables[td];
            c.ac = acTables[ta];
            c.q = quant[c.tq];
            c.pred = 0;
            scan[i] = c;
            blocksPerMcu += ns == 1 ? 1 : c.h * c.v;
        }
        int ss = u8();
        int se = u8();
        int ahal = u8();
        if (pos != end || ss != 0 || se != 63 || ahal != 0 || blocksPerMcu > 10) {
            throw new IOException("corrupt sequential JPEG scan header");
        }
        for (Component c : scan) {
            c.scanned = true;
        }
        resetBits();
        if (ns == 1) {
            // non-interleaved: the component's own blocks, covering just its size (T.81 A.2.2)
            Component c = scan[0];
            int bx = ceilDiv(c.width, 8);
            int by = ceilDiv(c.height, 8);
            int units = 0;
            for (int y = 0; y < by; y++) {
                for (int x = 0; x < bx; x++) {
                    units = restartIfDue(units, scan);
                    decodeBlock(c, x, y);
                }
            }
        } else {
            int units = 0;
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    units = restartIfDue(units, scan);
                    for (Component c : scan) {
                        for (int v = 0; v < c.v; v++) {
                            for (int h = 0; h < c.h; h++) {
                                decodeBlock(c, mx * c.h + h, my * c.v + v);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Before each MCU: at a restart interval boundary, expects an RSTn marker and resets the predictors. */
    private int restartIfDue(int units, Component[] scan) throws IOException {
        if (restartInterval > 0 && units > 0 && units % restartInterval == 0) {
            restart();
            for (Component c : scan) {
                c.pred = 0;
            }
        }
        return units + 1;
    }

    private void decodeBlock(Component c, int bx, int by) throws IOException {
        int[] b = block;
        java.util.Arrays.fill(b, 0);
        int t = decode(c.dc);
        if (t > 16) {
            throw new IOException("corrupt JPEG DC coefficient");
        }
        int diff = t == 0 ? 0 : extend(bits(t), t);
        c.pred += diff;
        b[0] = c.pred;
        for (int k = 1; k < 64;) {
            int rs = decode(c.ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break; // end of block
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                throw new IOException("corrupt JPEG AC coefficients (run past the block)");
            }
            b[NATURAL[k]] = extend(bits(s), s);
            k++;
        }
        if (bx < c.blocksX && by < c.blocksY) {
            idct(b, c.q, c.pixels, by * 8 * c.stride + bx * 8, c.stride);
        }
    }

    private static int extend(int v, int t) {
        return v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
    }

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    /**
     * Dequantizes and inverse-transforms one block into {@code out} (LL&amp;M islow: columns into a
     * workspace scaled up by {@code pass1} bits, then rows, then the range limit of libjpeg).
     */
    private void idct(int[] coef, int[] q, short[] out, int offset, int stride) {
        int pass1 = precision == 8 ? 2 : 1;
        int[] ws = workspace;
        for (int col = 0; col < 8; col++) {
            // pass 1: one column (all-zero AC terms give the same result by the general path)
            int z2 = coef[16 + col] * q[16 + col];
            int z3 = coef[48 + col] * q[48 + col];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = coef[col] * q[col];
            z3 = coef[32 + col] * q[32 + col];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            tmp0 = coef[56 + col] * q[56 + col];
            tmp1 = coef[40 + col] * q[40 + col];
            tmp2 = coef[24 + col] * q[24 + col];
            tmp3 = coef[8 + col] * q[8 + col];
            int[] odd = oddPart(tmp0, tmp1, tmp2, tmp3);
            int shift = CONST_BITS - pass1;
            ws[col] = descale(tmp10 + odd[3], shift);
            ws[56 + col] = descale(tmp10 - odd[3], shift);
            ws[8 + col] = descale(tmp11 + odd[2], shift);
            ws[48 + col] = descale(tmp11 - odd[2], shift);
            ws[16 + col] = descale(tmp12 + odd[1], shift);
            ws[40 + col] = descale(tmp12 - odd[1], shift);
            ws[24 + col] = descale(tmp13 + odd[0], shift);
            ws[32 + col] = descale(tmp13 - odd[0], shift);
        }
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int rangeMask = 4 * (max + 1) - 1;
        int shift = CONST_BITS + pass1 + 3;
        for (int row = 0; row < 8; row++) {
            int r = row * 8;
            int z2 = ws[r + 2];
            int z3 = ws[r + 6];
            int z1 = (z2 + z3) * FIX_0_541196100;
            int tmp2 = z1 - z3 * FIX_1_847759065;
            int tmp3 = z1 + z2 * FIX_0_765366865;
            int tmp0 = (ws[r] + ws[r + 4]) << CONST_BITS;
            int tmp1 = (ws[r] - ws[r + 4]) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            int[] odd = oddPart(ws[r + 7], ws[r + 5], ws[r + 3], ws[r + 1]);
            int o = offset + row * stride;
            out[o] = limit(descale(tmp10 + odd[3], shift), max, center, rangeMask);
            out[o + 7] = limit(descale(tmp10 - odd[3], shift), max, center, rangeMask);
            out[o + 1] = limit(descale(tmp11 + odd[2], shift), max, center, rangeMask);
            out[o + 6] = limit(descale(tmp11 - odd[2], shift), max, center, rangeMask);
            out[o + 2] = limit(descale(tmp12 + odd[1], shift), max, center, rangeMask);
            out[o + 5] = limit(descale(tmp12 - odd[1], shift), max, center, rangeMask);
            out[o + 3] = limit(descale(tmp13 + odd[0], shift), max, center, rangeMask);
            out[o + 4] = limit(descale(tmp13 - odd[0], shift), max, center, rangeMask);
        }
    }

    private final int[] odd = new int[4];

    /**
     * The odd part of the LL&amp;M butterfly for inputs 7, 5, 3, 1; returns the four products
     * (index 0 pairs with output 3/4, 1 with 2/5, 2 with 1/6, 3 with 0/7).
     */
    private int[] oddPart(int tmp0, int tmp1, int tmp2, int tmp3) {
        int z1 = tmp0 + tmp3;
        int z2 = tmp1 + tmp2;
        int z3 = tmp0 + tmp2;
        int z4 = tmp1 + tmp3;
        int z5 = (z3 + z4) * FIX_1_175875602;
        tmp0 *= FIX_0_298631336;
        tmp1 *= FIX_2_053119869;
        tmp2 *= FIX_3_072711026;
        tmp3 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560 + z5;
        z4 = z4 * -FIX_0_390180644 + z5;
        odd[0] = tmp0 + z1 + z3;
        odd[1] = tmp1 + z2 + z4;
        odd[2] = tmp2 + z2 + z3;
        odd[3] = tmp3 + z1 + z4;
        return odd;
    }

    /**
     * libjpeg's post-IDCT range limit: the value is taken modulo 4 * 2^precision, values up to
     * twice the range above centre clamp to the maximum, the rest wrap to 0 or to low values.
     */
    private static short limit(int x, int max, int center, int rangeMask) {
        int i = x & rangeMask;
        int half = 2 * (max + 1);
        int v;
        if (i < half) {
            v = Math.min(i + center, max);
        } else if (i >= rangeMask + 1 - center) {
            v = i - (rangeMask + 1) + center;
        } else {
            v = 0;
        }
        return (short) v;
    }

    /**
     * Full-size interleaved samples. Components subsampled 2:1 horizontally, or 2:1 both ways, are
     * interpolated as libjpeg 6b's "fancy" upsampling does (triangle filter, its rounding); other
     * ratios are replicated, as libjpeg does too.
     */
    private short[] interleave() {
        int n = components.length;
        short[] out = new short[width * height * n];
        for (int ci = 0; ci < n; ci++) {
            Component c = components[ci];
            boolean twoByOne = c.h * 2 == maxH && c.v == maxV;
            boolean twoByTwo = c.h * 2 == maxH && c.v * 2 == maxV;
            if ((twoByOne || twoByTwo) && c.width > 2) {
                short[] up = twoByOne ? fancyH2V1(c) : fancyH2V2(c);
                int upWidth = 2 * c.width;
                for (int y = 0; y < height; y++) {
                    int o = y * width * n + ci;
                    int row = y * upWidth;
                    for (int x = 0; x < width; x++, o += n) {
                        out[o] = up[row + x];
                    }
                }
                continue;
            }
            for (int y = 0; y < height; y++) {
                int sy = c.v == maxV ? y : y * c.v / maxV;
                int row = sy * c.stride;
                int o = y * width * n + ci;
                if (c.h == maxH) {
                    for (int x = 0; x < width; x++, o += n) {
                        out[o] = c.pixels[row + x];
                    }
                } else {
                    for (int x = 0; x < width; x++, o += n) {
                        out[o] = c.pixels[row + x * c.h / maxH];
                    }
                }
            }
        }
        return out;
    }

    /** Horizontal 2:1 triangle interpolation: 3/4 of the nearer sample and 1/4 of the further one. */
    private short[] fancyH2V1(Component c) {
        int w = c.width;
        short[] up = new short[2 * w * height];
        for (int y = 0; y < height; y++) {
            int in = y * c.stride;
            int o = y * 2 * w;
            short[] p = c.pixels;
            up[o] = p[in];
            up[o + 1] = (short) ((p[in] * 3 + p[in + 1] + 2) >> 2);
            for (int x = 1; x < w - 1; x++) {
                int v = p[in + x] * 3;
                up[o + 2 * x] = (short) ((v + p[in + x - 1] + 1) >> 2);
                up[o + 2 * x + 1] = (short) ((v + p[in + x + 1] + 2) >> 2);
            }
            int last = p[in + w - 1];
            up[o + 2 * w - 2] = (short) ((last * 3 + p[in + w - 2] + 1) >> 2);
            up[o + 2 * w - 1] = (short) last;
        }
        return up;
    }

    /**
     * 2:1 both ways: each output row mixes its nearer input row (3/4) with the next nearest (1/4,
     * the edge rows repeated), then the columns likewise, with libjpeg's rounding (+8 and +7).
     */
    private short[] fancyH2V2(Component c) {
        int w = c.width;
        int lastRow = c.height - 1;
        short[] up = new short[2 * w * height];
        short[] p = c.pixels;
        for (int y = 0; y < height; y++) {
            int sy = y >> 1;
            int near = Math.min(sy, lastRow);
            int far = (y & 1) == 0 ? Math.max(near - 1, 0) : Math.min(near + 1, lastRow);
            int r0 = near * c.stride;
            int r1 = far * c.stride;
            int o = y * 2 * w;
            int thisSum = p[r0] * 3 + p[r1];
            int nextSum = p[r0 + 1] * 3 + p[r1 + 1];
            up[o] = (short) ((thisSum * 4 + 8) >> 4);
            up[o + 1] = (short) ((thisSum * 3 + nextSum + 7) >> 4);
            int lastSum = thisSum;
            thisSum = nextSum;
            for (int x = 1; x < w - 1; x++) {
                nextSum = p[r0 + x + 1] * 3 + p[r1 + x + 1];
                up[o + 2 * x] = (short) ((thisSum * 3 + lastSum + 8) >> 4);
                up[o + 2 * x + 1] = (short) ((thisSum * 3 + nextSum + 7) >> 4);
                lastSum = thisSum;
                thisSum = nextSum;
            }
            up[o + 2 * w - 2] = (short) ((thisSum * 3 + lastSum + 8) >> 4);
            up[o + 2 * w - 1] = (short) ((thisSum * 4 + 7) >> 4);
        }
        return up;
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        int width;
        int height;
        int blocksX;
        int blocksY;
        int stride;
        short[] pixels;
        boolean scanned;
        int pred;
        HuffmanTable dc;
        HuffmanTable ac;
        int[] q;
    }
}
