package org.focal.io.tiff.internal;

/** JPEG (JFIF, full range) YCbCr to RGB, in place on interleaved 8-bit triples, with lookup tables. */
final class YCbCr {

    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (int) Math.round(1.402 * x);
            CB_B[i] = (int) Math.round(1.772 * x);
            // scaled by 2^16 so that the green sum rounds once
            CR_G[i] = (int) Math.round(-0.714136 * x * 65536);
            CB_G[i] = (int) Math.round(-0.344136 * x * 65536) + 32768;
        }
    }

    private YCbCr() {
    }

    static void toRgb(byte[] p) {
        for (int i = 0; i + 2 < p.length; i += 3) {
            int y = p[i] & 0xFF;
            int cb = p[i + 1] & 0xFF;
            int cr = p[i + 2] & 0xFF;
            p[i] = clamp(y + CR_R[cr]);
            p[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> 16));
            p[i + 2] = clamp(y + CB_B[cb]);
        }
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
