package org.focal.core.image;

import java.util.Objects;

import org.focal.core.BadInputException;

/**
 * Decoded pixels of a region: {@code width x height} pixels with {@code channels} interleaved
 * samples each, row by row. The array type follows the pixel type: {@code byte[]} for 8-bit,
 * {@code short[]} for 16-bit, {@code int[]} for 32-bit integers, {@code float[]} and
 * {@code double[]} for floating point. Unsigned values are stored in the signed Java type of the
 * same width; {@link #get(int, int, int)} returns them unsigned.
 */
public final class PixelBuffer {

    private final int width;
    private final int height;
    private final int channels;
    private final PixelType type;
    private final Object data;

    public PixelBuffer(int width, int height, int channels, PixelType type, Object data) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("buffer size must be positive");
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.type = Objects.requireNonNull(type, "type");
        this.data = Objects.requireNonNull(data, "data");
        int length = switch (type) {
            case UINT8, INT8 -> data instanceof byte[] b ? b.length : -1;
            case UINT16, INT16 -> data instanceof short[] s ? s.length : -1;
            case UINT32, INT32 -> data instanceof int[] i ? i.length : -1;
            case FLOAT32 -> data instanceof float[] f ? f.length : -1;
            case FLOAT64 -> data instanceof double[] d ? d.length : -1;
        };
        if (length < 0) {
            throw new IllegalArgumentException(type + " pixels need a matching array, not " + data.getClass().getSimpleName());
        }
        if (length != (long) width * height * channels) {
            throw new IllegalArgumentException("array holds " + length + " samples, expected " + (long) width * height * channels);
        }
    }

    /** The most samples one buffer holds: the JVM's largest array, a little below {@code Integer.MAX_VALUE}. */
    public static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;

    /**
     * A zero-filled buffer. Sizes whose sample count exceeds {@link #MAX_SAMPLES} are refused with a
     * {@link BadInputException} naming the size, before anything is allocated (callers that know the
     * file check with {@link #samples} first and name it).
     */
    public static PixelBuffer allocate(int width, int height, int channels, PixelType type) {
        long samples = samples(width, height, channels);
        if (samples > MAX_SAMPLES) {
            throw new BadInputException(describe(width, height, channels, type)
                    + " do not fit in one pixel buffer; ask for a smaller region or a larger downsample");
        }
        int n = (int) samples;
        Object data = switch (type) {
            case UINT8, INT8 -> new byte[n];
            case UINT16, INT16 -> new short[n];
            case UINT32, INT32 -> new int[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
        return new PixelBuffer(width, height, channels, type, data);
    }

    /** {@code width * height * channels} without overflow (saturating at {@code Long.MAX_VALUE}); sizes must be positive. */
    public static long samples(int width, int height, int channels) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, was " + width + " x " + height + " x " + channels);
        }
        long pixels = (long) width * height; // at most (2^31)^2: fits
        return pixels > Long.MAX_VALUE / channels ? Long.MAX_VALUE : pixels * channels;
    }

    /** "30000 x 30000 pixels x 3 channels (2.5 GB)": a size for messages. */
    public static String describe(int width, int height, int channels, PixelType type) {
        samples(width, height, channels); // checks the sizes
        double bytes = (double) width * height * channels * type.bytesPerSample();
        String size = bytes >= 1 << 30 ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (1 << 30))
                : String.format(java.util.Locale.ROOT, "%.0f MB", Math.ceil(bytes / (1 << 20)));
        return width + " x " + height + " pixels x " + channels + (channels == 1 ? " channel" : " channels") + " (" + size + ")";
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    public PixelType type() {
        return type;
    }

    /** The backing array (shared, not copied). */
    public Object data() {
        return data;
    }

    /** Sample value of channel {@code c} at ({@code x}, {@code y}), unsigned types as non-negative. */
    public double get(int x, int y, int c) {
        int i = index(x, y, c);
        return switch (type) {
            case UINT8 -> ((byte[]) data)[i] & 0xFF;
            case INT8 -> ((byte[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xFFFF;
            case INT16 -> ((short[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT32 -> ((int[]) data)[i];
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
        };
    }

    private int index(int x, int y, int c) {
        if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c >= channels) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ", " + c + ") outside " + width + " x " + height + " x " + channels);
        }
        return (y * width + x) * channels + c;
    }
}
