package org.focal.formats.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * COCO run-length encoded masks: {@code {"size": [h, w], "counts": ...}}. Runs go down the columns
 * (pixel (x, y) is number {@code x * h + y}), alternating background and foreground, background
 * first. {@code counts} is a list of numbers (uncompressed RLE) or pycocotools' compressed string
 * (each count minus the count two before it, 5 bits a character with a continuation bit, plus 48).
 */
final class CocoRle {

    private CocoRle() {
    }

    /** The runs of a row-major mask. */
    static long[] runs(BitSet rowMajor, int width, int height) {
        List<Long> out = new ArrayList<>();
        boolean value = false;
        long run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean v = rowMajor.get(y * width + x);
                if (v != value) {
                    out.add(run);
                    run = 0;
                    value = v;
                }
                run++;
            }
        }
        out.add(run);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** pycocotools' {@code rleToString}. */
    static String compress(long[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                sb.append((char) (c + 48));
            }
        }
        return sb.toString();
    }

    /** pycocotools' {@code rleFrString}. */
    static long[] decompress(String s) {
        List<Long> counts = new ArrayList<>();
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("compressed RLE counts end in the middle of a number");
                }
                long c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("compressed RLE counts hold a character outside '0'..'o'");
                }
                x |= (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (counts.size() > 2) {
                x += counts.get(counts.size() - 2);
            }
            counts.add(x);
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    static ObjectNode write(BitSet rowMajor, int width, int height) {
        ObjectNode o = Formats.object();
        o.putArray("size").add(height).add(width);
        o.put("counts", compress(runs(rowMajor, width, height)));
        return o;
    }

    /** Largest mask read when the image's size is unknown (a 16384 x 16384 mask is 32 MB of bits). */
    static final long MAX_UNKNOWN_PIXELS = 1L << 28;

    /** An RLE mask whose size is not its image's: refused before any decoding. */
    static final class SizeMismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SizeMismatch(String message) {
            super(message);
        }
    }

    /**
     * A row-major mask from an RLE object; {@link SizeMismatch} when its size is not the image's
     * ({@code imageWidth} x {@code imageHeight}, 0 when unknown), {@link IllegalArgumentException}
     * when malformed. The size is checked first, so a tiny file cannot make a huge mask.
     */
    static BitSet read(JsonNode rle, int imageWidth, int imageHeight, int[] sizeOut) {
        JsonNode size = rle.path("size");
        if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()) {
            throw new IllegalArgumentException("RLE segmentation needs size [height, width]");
        }
        int h = size.get(0).asInt();
        int w = size.get(1).asInt();
        if (h <= 0 || w <= 0 || (long) h * w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RLE size " + org.focal.core.Excerpt.of(size.toString()) + " is not a valid mask size");
        }
        if (imageWidth > 0 && imageHeight > 0 && (w != imageWidth || h != imageHeight)) {
            throw new SizeMismatch("RLE mask size [" + h + ", " + w + "] (height, width) is not the image's " + imageWidth
                    + " x " + imageHeight);
        }
        if ((imageWidth <= 0 || imageHeight <= 0) && (long) w * h > MAX_UNKNOWN_PIXELS) {
            throw new SizeMismatch("RLE mask size [" + h + ", " + w + "] is larger than " + MAX_UNKNOWN_PIXELS
                    + " pixels and the image's size is unknown (give the image's width and height)");
        }
        JsonNode c = rle.path("counts");
        long[] counts;
        if (c.isTextual()) {
            counts = decompress(c.asText());
        } else if (c.isArray()) {
            counts = new long[c.size()];
            for (int i = 0; i < counts.length; i++) {
                if (!c.get(i).canConvertToLong()) {
                    throw new IllegalArgumentException("RLE counts must be whole numbers");
                }
                counts[i] = c.get(i).asLong();
            }
        } else {
            throw new IllegalArgumentException("RLE counts must be a list of numbers or a compressed string");
        }
        BitSet bits = new BitSet(w * h);
        long pos = 0;
        long total = (long) w * h;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0 || pos + counts[i] > total) {
                throw new IllegalArgumentException("RLE counts run past the " + w + " x " + h + " mask");
            }
            if (i % 2 == 1) {
                for (long p = pos; p < pos + counts[i]; p++) {
                    int x = (int) (p / h);
                    int y = (int) (p % h);
                    bits.set(y * w + x);
                }
            }
            pos += counts[i];
        }
        sizeOut[0] = w;
        sizeOut[1] = h;
        return bits;
    }
}
