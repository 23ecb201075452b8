package org.focal.io.tiff.internal;

/**
 * JPEG (JFIF, full range) YCbCr to RGB, in place on interleaved 8-bit triples, with libjpeg's
 * 16-bit fixed-point coefficients and rounding (so results match libjpeg-based readers).
 */
final class YCbCr {

    private YCbCr() {
    }

    static void toRgb(byte[] p) {
        for (int i = 0, n = p.length - 2; i < n; i += 3) {
            int y = p[i] & 0xFF;
            int cb = (p[i + 1] & 0xFF) - 128;
            int cr = (p[i + 2] & 0xFF) - 128;
            p[i] = (byte) clamp(y + ((91881 * cr + 32768) >> 16));
            p[i + 1] = (byte) clamp(y + ((-22554 * cb - 46802 * cr + 32768) >> 16));
            p[i + 2] = (byte) clamp(y + ((116130 * cb + 32768) >> 16));
        }
    }

    /** 0..255, branch-light: values outside go to 0 (negative) or 255. */
    private static int clamp(int v) {
        return (v & ~0xFF) == 0 ? v : (~v >> 31) & 0xFF;
    }
}
