package org.focal.io.imageio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.focal.core.BadInputException;

/**
 * Refuses, before any decoding, headers that declare more pixels than the JDK's decoders read, or
 * than the file can possibly hold: a 1 KB PNG claiming 100000 x 100000 pixels, or a JPEG whose
 * SOF0 was patched to 65500 x 65500, would otherwise make the decoder allocate and work for the
 * declared size.
 */
final class DeclaredSize {

    /** Deflate cannot compress better than about 1032:1 (258-byte matches of at least 2 bits). */
    static final double MAX_DEFLATE_RATIO = 1032;

    private DeclaredSize() {
    }

    /** The JDK's PNG and JPEG decoders refuse images of more pixels than this, even subsampled. */
    static final long MAX_DECODER_PIXELS = Integer.MAX_VALUE - 2;

    static void check(Path file, String format, int width, int height, long fileSize) throws IOException {
        if ((format.equals("png") || format.equals("jpeg")) && (long) width * height > MAX_DECODER_PIXELS) {
            throw BadInputException.forFile(file, format.toUpperCase(Locale.ROOT) + " of " + width + " x " + height
                    + " pixels is larger than Java's " + format.toUpperCase(Locale.ROOT)
                    + " decoder reads (2^31 pixels); convert it to a tiled pyramidal TIFF first, e.g. "
                    + "vips tiffsave IN OUT.tif --tile --pyramid --compression jpeg");
        }
        double minBytes = switch (format) {
            case "png" -> pngMinBytes(file, width, height);
            // every 8 x 8 luma block costs at least one bit (its DC code), even in progressive scans
            case "jpeg" -> Math.ceil(width / 8.0) * Math.ceil(height / 8.0) / 8;
            default -> 0;
        };
        if (fileSize < minBytes) {
            throw BadInputException.forFile(file, format.toUpperCase(Locale.ROOT) + " header declares " + width + " x "
                    + height + " pixels, more than its " + fileSize + " bytes can hold (at least "
                    + String.format(Locale.ROOT, "%.0f", minBytes) + " bytes); the file is corrupt or truncated");
        }
    }

    /** Least compressed size of the declared image: its filtered rows at deflate's best ratio. */
    private static double pngMinBytes(Path file, int width, int height) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(26);
        }
        if (head.length < 26) {
            return 0;
        }
        int bitDepth = head[24] & 0xFF;
        int samples = switch (head[25] & 0xFF) {
            case 2 -> 3; // RGB
            case 4 -> 2; // grey + alpha
            case 6 -> 4; // RGBA
            default -> 1; // grey, palette
        };
        double rowBytes = 1 + Math.ceil((double) width * samples * bitDepth / 8);
        return height * rowBytes / MAX_DEFLATE_RATIO;
    }
}
