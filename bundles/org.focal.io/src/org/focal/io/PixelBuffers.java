package org.focal.io;

import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;

/** Copying and resampling of {@link PixelBuffer}s, shared by the readers. */
public final class PixelBuffers {

    private PixelBuffers() {
    }

    /**
     * Copies the rectangle {@code (sx, sy, w, h)} of {@code src} to {@code (dx, dy)} of {@code dst};
     * both must have the same pixel type and channel count.
     */
    public static void copy(PixelBuffer src, int sx, int sy, PixelBuffer dst, int dx, int dy, int w, int h) {
        if (src.type() != dst.type() || src.channels() != dst.channels()) {
            throw new IllegalArgumentException("cannot copy " + src.type() + " x" + src.channels() + " into "
                    + dst.type() + " x" + dst.channels());
        }
        int c = src.channels();
        int rowLength = w * c;
        for (int row = 0; row < h; row++) {
            int from = ((sy + row) * src.width() + sx) * c;
            int to = ((dy + row) * dst.width() + dx) * c;
            System.arraycopy(src.data(), from, dst.data(), to, rowLength);
        }
    }

    /**
     * Shrinks {@code src} to {@code width x height} by area averaging (each output pixel is the mean
     * of the source pixels it covers), the way a pyramid level is made. Enlarging uses nearest neighbour.
     */
    public static PixelBuffer resize(PixelBuffer src, int width, int height) {
        if (src.width() == width && src.height() == height) {
            return src;
        }
        PixelBuffer dst = PixelBuffer.allocate(width, height, src.channels(), src.type());
        resizeRows(src, 0, src.height(), dst, 0, height);
        return dst;
    }

    /**
     * Like {@link #resize}, for rows {@code [dstY0, dstY1)} of {@code dst} only, from a band of a
     * taller source: {@code band} holds source rows {@code [bandTop, bandTop + band.height())} of a
     * source {@code srcHeight} rows high and {@code band.width()} wide. The band must cover
     * {@link #sourceStart}{@code (dstY0)} to {@link #sourceEnd}{@code (dstY1 - 1)}. Filling
     * {@code dst} band by band gives exactly the pixels of one {@link #resize}, without ever holding
     * the whole source.
     */
    public static void resizeRows(PixelBuffer band, int bandTop, int srcHeight, PixelBuffer dst, int dstY0, int dstY1) {
        int width = dst.width();
        int c = band.channels();
        int[] xs0 = new int[width];
        int[] xs1 = new int[width];
        for (int x = 0; x < width; x++) {
            xs0[x] = sourceStart(x, band.width(), width);
            xs1[x] = sourceEnd(x, band.width(), width);
        }
        if (band.type() == PixelType.UINT8 && dst.type() == PixelType.UINT8) {
            resizeRows8(band, bandTop, srcHeight, dst, dstY0, dstY1, xs0, xs1);
            return;
        }
        double[] sum = new double[c];
        for (int y = dstY0; y < dstY1; y++) {
            int y0 = sourceStart(y, srcHeight, dst.height());
            int y1 = sourceEnd(y, srcHeight, dst.height());
            for (int x = 0; x < width; x++) {
                int x0 = xs0[x];
                int x1 = xs1[x];
                java.util.Arrays.fill(sum, 0);
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        for (int ch = 0; ch < c; ch++) {
                            sum[ch] += band.get(xx, yy - bandTop, ch);
                        }
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                for (int ch = 0; ch < c; ch++) {
                    set(dst, x, y, ch, sum[ch] / n);
                }
            }
        }
    }

    /** {@link #resizeRows} on the arrays of 8-bit pixels (slides, photos): the same values, several times faster. */
    private static void resizeRows8(PixelBuffer band, int bandTop, int srcHeight, PixelBuffer dst, int dstY0, int dstY1,
            int[] xs0, int[] xs1) {
        byte[] src = (byte[]) band.data();
        byte[] out = (byte[]) dst.data();
        int c = band.channels();
        int bw = band.width();
        int width = dst.width();
        long[] sum = new long[c];
        for (int y = dstY0; y < dstY1; y++) {
            int y0 = sourceStart(y, srcHeight, dst.height());
            int y1 = sourceEnd(y, srcHeight, dst.height());
            for (int x = 0; x < width; x++) {
                int x0 = xs0[x];
                int x1 = xs1[x];
                java.util.Arrays.fill(sum, 0);
                for (int yy = y0; yy < y1; yy++) {
                    int i = ((yy - bandTop) * bw + x0) * c;
                    int end = ((yy - bandTop) * bw + x1) * c;
                    while (i < end) {
                        for (int ch = 0; ch < c; ch++) {
                            sum[ch] += src[i++] & 0xFF;
                        }
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                int o = (y * width + x) * c;
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] = (byte) clamp(Math.round((double) sum[ch] / n), 0, 255);
                }
            }
        }
    }

    /** First source row or column (of {@code srcSize}) that output row or column {@code dstY} (of {@code dstSize}) averages. */
    public static int sourceStart(int dstY, int srcSize, int dstSize) {
        return (int) Math.floor(dstY * ((double) srcSize / dstSize));
    }

    /** One past the last source row or column that output row or column {@code dstY} averages. */
    public static int sourceEnd(int dstY, int srcSize, int dstSize) {
        int start = sourceStart(dstY, srcSize, dstSize);
        return Math.max(start + 1, Math.min(srcSize, (int) Math.floor((dstY + 1) * ((double) srcSize / dstSize))));
    }

    /** Stores a value, rounding for integer types and clamping to the type's range. */
    public static void set(PixelBuffer b, int x, int y, int ch, double value) {
        int i = (y * b.width() + x) * b.channels() + ch;
        switch (b.type()) {
            case UINT8 -> ((byte[]) b.data())[i] = (byte) clamp(Math.round(value), 0, 255);
            case INT8 -> ((byte[]) b.data())[i] = (byte) clamp(Math.round(value), -128, 127);
            case UINT16 -> ((short[]) b.data())[i] = (short) clamp(Math.round(value), 0, 65535);
            case INT16 -> ((short[]) b.data())[i] = (short) clamp(Math.round(value), -32768, 32767);
            case UINT32 -> ((int[]) b.data())[i] = (int) clamp(Math.round(value), 0, 0xFFFFFFFFL);
            case INT32 -> ((int[]) b.data())[i] = (int) clamp(Math.round(value), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case FLOAT32 -> ((float[]) b.data())[i] = (float) value;
            case FLOAT64 -> ((double[]) b.data())[i] = value;
        }
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Bytes held by a buffer's array. */
    public static long sizeInBytes(PixelBuffer b) {
        return (long) b.width() * b.height() * b.channels() * b.type().bytesPerSample();
    }
}
