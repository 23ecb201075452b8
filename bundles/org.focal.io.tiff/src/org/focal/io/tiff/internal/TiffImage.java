package org.focal.io.tiff.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.focal.core.BadInputException;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.io.PixelBuffers;
import org.focal.io.codecs.Codecs;
import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;

/**
 * The pixels of one IFD as a grid of tiles: TIFF tiles, or strips (tiles as wide as the image).
 * Uncompressed strips taller than a few MB are served as shorter virtual strips so that no read
 * decodes more than it needs. All layout values are validated when the image is created.
 */
final class TiffImage {

    static final int NONE = 1;
    static final int LZW = 5;
    static final int OJPEG = 6;
    static final int JPEG = 7;
    static final int ADOBE_DEFLATE = 8;
    static final int PACKBITS = 32773;
    static final int DEFLATE = 32946;
    static final int APERIO_J2K_YCBCR = 33003;
    static final int APERIO_J2K_LOSSY = 33004;
    static final int APERIO_J2K_RGB = 33005;
    static final int JPEG2000 = 34712;

    static final int MINISWHITE = 0;
    static final int MINISBLACK = 1;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int YCBCR = 6;

    /** Uncompressed strips larger than this are split into virtual strips. */
    private static final int VIRTUAL_STRIP_BYTES = 1 << 22;

    final TiffFile file;
    final Ifd ifd;
    final int width;
    final int height;
    final boolean tiled;
    /** The tile grid exposed to readers (for virtual strips, shorter than the stored strips). */
    final int tileWidth;
    final int tileHeight;
    final int samples;
    final int bits;
    final PixelType type;
    final int channels;
    final int compression;
    final int photometric;
    final int planar;
    final int predictor;
    final byte[] jpegTables;
    private final int[] palette;
    // the stored chunks
    private final int chunkWidth;
    private final int chunkHeight;
    private final int chunksAcross;
    private final int chunksDown;
    private final boolean virtualStrips;
    private final Ifd.LongTable offsets;
    private final Ifd.LongTable byteCounts;
    private final long maxChunkBytes;

    private TiffImage(Ifd ifd) throws IOException {
        this.file = ifd.file;
        this.ifd = ifd;
        long w = ifd.longValue(Tags.IMAGE_WIDTH, 0);
        long h = ifd.longValue(Tags.IMAGE_LENGTH, 0);
        if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE - 65536 || h > Integer.MAX_VALUE - 65536) {
            throw bad("invalid image size " + w + " x " + h);
        }
        width = (int) w;
        height = (int) h;
        long spp = ifd.longValue(Tags.SAMPLES_PER_PIXEL, 1);
        if (spp < 1 || spp > 64) {
            throw bad(spp + " samples per pixel not supported");
        }
        samples = (int) spp;
        long[] bps = ifd.longs(Tags.BITS_PER_SAMPLE, 64);
        bits = bps.length == 0 ? 1 : (int) bps[0];
        for (long b : bps) {
            if (b != bits) {
                throw bad("samples of different bit depths (" + java.util.Arrays.toString(bps) + ") not supported");
            }
        }
        int format = (int) ifd.longValue(Tags.SAMPLE_FORMAT, 1);
        type = pixelType(bits, format);
        compression = (int) ifd.longValue(Tags.COMPRESSION, NONE);
        switch (compression) {
            case NONE, LZW, JPEG, ADOBE_DEFLATE, DEFLATE, PACKBITS, APERIO_J2K_YCBCR, APERIO_J2K_LOSSY, APERIO_J2K_RGB,
                    JPEG2000 -> {
            }
            case OJPEG -> throw bad("old-style JPEG compression (6) not supported");
            default -> throw bad("compression " + compression + " not supported");
        }
        if ((compression == JPEG) && bits != 8) {
            throw bad(bits + "-bit JPEG not supported");
        }
        photometric = (int) ifd.longValue(Tags.PHOTOMETRIC, samples >= 3 ? RGB : MINISBLACK);
        planar = (int) ifd.longValue(Tags.PLANAR_CONFIGURATION, 1);
        if (planar != 1 && planar != 2) {
            throw bad("planar configuration " + planar + " not supported");
        }
        if (planar == 2 && samples > 1 && isJpegFamily(compression)) {
            throw bad("separate planes with JPEG compression not supported");
        }
        predictor = (int) ifd.longValue(Tags.PREDICTOR, 1);
        if (predictor != 1 && predictor != 2) {
            throw bad("predictor " + predictor + " not supported");
        }
        if (photometric == YCBCR && !isJpegFamily(compression)) {
            long[] sub = ifd.longs(Tags.YCBCR_SUBSAMPLING, 2);
            if (sub.length == 2 && (sub[0] != 1 || sub[1] != 1)) {
                throw bad("subsampled YCbCr without JPEG compression not supported");
            }
        }
        if (photometric == PALETTE) {
            if (bits != 8 || samples != 1) {
                throw bad("palette images need 8-bit samples");
            }
            long[] map = ifd.longs(Tags.COLOR_MAP, 3 * 256);
            if (map.length != 3 * 256) {
                throw bad("palette image without a 768-entry ColorMap");
            }
            palette = new int[256];
            for (int i = 0; i < 256; i++) {
                palette[i] = (int) ((map[i] >> 8) << 16 | (map[256 + i] >> 8) << 8 | (map[512 + i] >> 8));
            }
            channels = 3;
        } else {
            palette = null;
            channels = samples;
        }
        jpegTables = compression == JPEG ? ifd.bytes(Tags.JPEG_TABLES, 1 << 20) : null;

        tiled = ifd.has(Tags.TILE_WIDTH) || ifd.has(Tags.TILE_OFFSETS);
        long cw;
        long ch;
        if (tiled) {
            cw = ifd.longValue(Tags.TILE_WIDTH, 0);
            ch = ifd.longValue(Tags.TILE_LENGTH, 0);
            if (cw < 1 || ch < 1 || cw > 65536 || ch > 65536) {
                throw bad("invalid tile size " + cw + " x " + ch);
            }
        } else {
            cw = width;
            ch = Math.max(1, Math.min(height, ifd.longValue(Tags.ROWS_PER_STRIP, height)));
        }
        chunkWidth = (int) cw;
        chunkHeight = (int) ch;
        chunksAcross = (int) ((width + cw - 1) / cw);
        chunksDown = (int) ((height + ch - 1) / ch);
        long planes = planar == 2 ? samples : 1;
        long expected = (long) chunksAcross * chunksDown * planes;
        String what = tiled ? "tiles" : "strips";
        int offsetsTag = tiled ? Tags.TILE_OFFSETS : Tags.STRIP_OFFSETS;
        int countsTag = tiled ? Tags.TILE_BYTE_COUNTS : Tags.STRIP_BYTE_COUNTS;
        long nOffsets = ifd.count(offsetsTag);
        long nCounts = ifd.count(countsTag);
        if (nOffsets < expected || nCounts < expected) {
            throw bad("a " + width + " x " + height + " image in " + chunkWidth + " x " + chunkHeight + " " + what
                    + " needs " + expected + " " + what + ", the IFD at offset " + ifd.offset + " lists "
                    + Math.min(nOffsets, nCounts) + " offsets/byte counts");
        }
        if (expected > file.size) {
            throw bad(expected + " " + what + " cannot fit in a file of " + file.size + " bytes");
        }
        int bytesPerSample = Math.max(1, bits / 8);
        long rowBytes = (long) chunkWidth * (planar == 2 ? 1 : samples) * bytesPerSample;
        long chunkBytes = rowBytes * chunkHeight;
        maxChunkBytes = Math.min(1L << 28, Runtime.getRuntime().maxMemory() / 4);
        virtualStrips = !tiled && compression == NONE && planar == 1 && chunkBytes > VIRTUAL_STRIP_BYTES;
        if (virtualStrips) {
            if (rowBytes > maxChunkBytes) {
                throw bad("image rows of " + rowBytes + " bytes are too large to read");
            }
            tileWidth = width;
            tileHeight = (int) Math.max(1, Math.min(chunkHeight, VIRTUAL_STRIP_BYTES / rowBytes));
        } else {
            if (chunkBytes * (planar == 2 ? samples : 1) > maxChunkBytes) {
                throw bad(what + " of " + chunkWidth + " x " + chunkHeight + " pixels (" + (chunkBytes >> 20)
                        + " MB) are too large to decode");
            }
            tileWidth = chunkWidth;
            tileHeight = chunkHeight;
        }
        offsets = ifd.table(offsetsTag);
        byteCounts = ifd.table(countsTag);
        if (offsets.length() <= Ifd.MAX_IN_MEMORY) {
            for (long i = 0; i < expected; i++) {
                checkChunk(i, offsets.get(i), byteCounts.get(i));
            }
        }
    }

    static TiffImage of(Ifd ifd) throws IOException {
        return new TiffImage(ifd);
    }

    private BadInputException bad(String problem) {
        return file.bad(problem);
    }

    private BadInputException bad(String problem, Throwable cause) {
        return file.bad(problem, cause);
    }

    private static boolean isJpegFamily(int compression) {
        return compression == JPEG || isJpeg2000(compression);
    }

    private static boolean isJpeg2000(int compression) {
        return compression == APERIO_J2K_YCBCR || compression == APERIO_J2K_LOSSY || compression == APERIO_J2K_RGB
                || compression == JPEG2000;
    }

    private PixelType pixelType(int bits, int format) {
        return switch (bits) {
            case 8 -> format == 2 ? PixelType.INT8 : PixelType.UINT8;
            case 16 -> format == 2 ? PixelType.INT16 : PixelType.UINT16;
            case 32 -> format == 3 ? PixelType.FLOAT32 : format == 2 ? PixelType.INT32 : PixelType.UINT32;
            case 64 -> {
                if (format != 3) {
                    throw bad("64-bit integer samples not supported");
                }
                yield PixelType.FLOAT64;
            }
            default -> throw bad(bits + "-bit samples not supported");
        };
    }

    private void checkChunk(long index, long offset, long count) {
        if (count < 0 || offset < 0 || count > Integer.MAX_VALUE - 64 || (count > 0 && offset > file.size - count)) {
            throw bad((tiled ? "tile " : "strip ") + index + " at offset " + offset + " with " + count
                    + " bytes lies past the end of the file (" + file.size + " bytes; truncated?)");
        }
    }

    /** Name for {@link org.focal.core.image.ImageProperties#COMPRESSION}. */
    String compressionName() {
        return switch (compression) {
            case NONE -> "none";
            case LZW -> "LZW";
            case JPEG -> "JPEG";
            case ADOBE_DEFLATE, DEFLATE -> "Deflate";
            case PACKBITS -> "PackBits";
            default -> "JPEG 2000";
        };
    }

    int tilesAcross() {
        return (width + tileWidth - 1) / tileWidth;
    }

    int tilesDown() {
        return (height + tileHeight - 1) / tileHeight;
    }

    /** One tile (or strip) of the grid {@link #tileWidth} x {@link #tileHeight}; edge strips are cut to the image. */
    PixelBuffer readTile(int tx, int ty) throws IOException {
        if (tx < 0 || ty < 0 || tx >= tilesAcross() || ty >= tilesDown()) {
            throw new IllegalArgumentException("tile " + tx + ", " + ty + " outside the grid");
        }
        if (virtualStrips) {
            return readRows(ty * tileHeight, Math.min(tileHeight, height - ty * tileHeight));
        }
        int rows = tiled ? chunkHeight : Math.min(chunkHeight, height - ty * chunkHeight);
        int index = ty * chunksAcross + tx;
        if (planar == 2 && samples > 1) {
            PixelBuffer out = PixelBuffer.allocate(chunkWidth, rows, samples, type);
            int perPlane = chunksAcross * chunksDown;
            for (int s = 0; s < samples; s++) {
                PixelBuffer plane = decodeChunk(index + s * perPlane, chunkWidth, rows, 1);
                interleave(plane, out, s);
            }
            return out;
        }
        return decodeChunk(index, chunkWidth, rows, samples);
    }

    /** The whole image (associated images: labels, macros, thumbnails). */
    PixelBuffer readAll() throws IOException {
        if ((long) width * height * channels > (64L << 20)) {
            throw bad("image of " + width + " x " + height + " is too large to read at once");
        }
        PixelBuffer out = PixelBuffer.allocate(width, height, channels, type);
        for (int ty = 0; ty < tilesDown(); ty++) {
            for (int tx = 0; tx < tilesAcross(); tx++) {
                PixelBuffer t = readTile(tx, ty);
                int x = tx * tileWidth;
                int y = ty * tileHeight;
                int w = Math.min(t.width(), width - x);
                int h = Math.min(t.height(), height - y);
                PixelBuffers.copy(t, 0, 0, out, x, y, w, h);
            }
        }
        return out;
    }

    private byte[] chunkBytes(int index) throws IOException {
        long offset = offsets.get(index);
        long count = byteCounts.get(index);
        checkChunk(index, offset, count);
        if (count == 0) {
            return null;
        }
        return file.readBytes(offset, (int) count);
    }

    private PixelBuffer decodeChunk(int index, int w, int rows, int spp) throws IOException {
        byte[] data = chunkBytes(index);
        if (data == null) {
            return PixelBuffer.allocate(w, rows, spp == samples ? channels : spp, type); // sparse tile: zeros
        }
        try {
            if (compression == JPEG) {
                JpegDecoder fast = file.jpegDecoder.get();
                DecodedImage d = fast == null ? null : fast.decode(data, jpegTables, photometric == YCBCR);
                if (d != null) {
                    return fromDecoded(d, w, rows, false); // already RGB where it was YCbCr
                }
                d = Codecs.decodeJpeg(data, jpegTables);
                return fromDecoded(d, w, rows, photometric == YCBCR);
            }
            if (isJpeg2000(compression)) {
                DecodedImage d = Codecs.decodeJpeg2000(data);
                // Aperio 33003 and libvips' 33004 store YCbCr components without the JPEG 2000 colour
                // transform (the tag says RGB); 33005 and 34712 follow the photometric interpretation
                boolean ycc = compression == APERIO_J2K_YCBCR || compression == APERIO_J2K_LOSSY || photometric == YCBCR;
                return fromDecoded(d, w, rows, ycc);
            }
        } catch (IOException e) {
            throw bad("tile " + index + ": " + e.getMessage(), e);
        }
        int bytesPerSample = bits / 8;
        int expected = Math.multiplyExact(Math.multiplyExact(w, rows), spp * bytesPerSample);
        byte[] raw = switch (compression) {
            case NONE -> data.length >= expected ? data : java.util.Arrays.copyOf(data, expected);
            case LZW -> lzw(data, expected, index);
            case ADOBE_DEFLATE, DEFLATE -> inflate(data, expected, index);
            case PACKBITS -> Decompress.packBits(data, expected);
            default -> throw bad("compression " + compression + " not supported");
        };
        return toPixels(raw, w, rows, spp);
    }

    private byte[] lzw(byte[] data, int expected, int index) {
        try {
            return Decompress.lzw(data, expected);
        } catch (IOException e) {
            throw bad("tile " + index + ": " + e.getMessage(), e);
        }
    }

    private byte[] inflate(byte[] data, int expected, int index) {
        try {
            return Decompress.inflate(data, expected);
        } catch (IOException e) {
            throw bad("tile " + index + ": " + e.getMessage(), e);
        }
    }

    /** Uncompressed rows {@code [y, y + rows)} read straight from their strips. */
    private PixelBuffer readRows(int y, int rows) throws IOException {
        int bytesPerSample = bits / 8;
        int rowBytes = width * samples * bytesPerSample;
        byte[] raw = new byte[Math.multiplyExact(rowBytes, rows)];
        int r = 0;
        while (r < rows) {
            int row = y + r;
            int strip = row / chunkHeight;
            int inStrip = row % chunkHeight;
            int n = Math.min(rows - r, chunkHeight - inStrip);
            long offset = offsets.get(strip);
            long count = byteCounts.get(strip);
            checkChunk(strip, offset, count);
            long from = (long) inStrip * rowBytes;
            long available = Math.max(0, Math.min((long) n * rowBytes, count - from));
            if (available > 0) {
                ByteBuffer b = file.read(offset + from, (int) available);
                b.get(0, raw, r * rowBytes, (int) available);
            }
            r += n;
        }
        return toPixels(raw, width, rows, samples);
    }

    /** Raw uncompressed bytes to typed samples: byte order, predictor, photometric. */
    private PixelBuffer toPixels(byte[] raw, int w, int rows, int spp) {
        int n = w * rows * spp;
        Object data;
        switch (type.bytesPerSample()) {
            case 1 -> {
                if (predictor == 2) {
                    int row = w * spp;
                    for (int y = 0; y < rows; y++) {
                        int base = y * row;
                        for (int i = base + spp; i < base + row; i++) {
                            raw[i] += raw[i - spp];
                        }
                    }
                }
                if (photometric == MINISWHITE && type == PixelType.UINT8) {
                    for (int i = 0; i < n; i++) {
                        raw[i] = (byte) ~raw[i];
                    }
                }
                if (raw.length != n) {
                    raw = java.util.Arrays.copyOf(raw, n);
                }
                if (palette != null && spp == 1) {
                    byte[] rgb = new byte[n * 3];
                    for (int i = 0; i < n; i++) {
                        int c = palette[raw[i] & 0xFF];
                        rgb[3 * i] = (byte) (c >> 16);
                        rgb[3 * i + 1] = (byte) (c >> 8);
                        rgb[3 * i + 2] = (byte) c;
                    }
                    return new PixelBuffer(w, rows, 3, type, rgb);
                }
                data = raw;
            }
            case 2 -> {
                short[] s = new short[n];
                ByteBuffer.wrap(raw).order(file.order).asShortBuffer().get(s, 0, n);
                if (predictor == 2) {
                    int row = w * spp;
                    for (int y = 0; y < rows; y++) {
                        int base = y * row;
                        for (int i = base + spp; i < base + row; i++) {
                            s[i] += s[i - spp];
                        }
                    }
                }
                if (photometric == MINISWHITE && type == PixelType.UINT16) {
                    for (int i = 0; i < n; i++) {
                        s[i] = (short) ~s[i];
                    }
                }
                data = s;
            }
            case 4 -> {
                ByteBuffer b = ByteBuffer.wrap(raw).order(file.order);
                if (type == PixelType.FLOAT32) {
                    float[] f = new float[n];
                    b.asFloatBuffer().get(f, 0, n);
                    data = f;
                } else {
                    int[] v = new int[n];
                    b.asIntBuffer().get(v, 0, n);
                    if (predictor == 2) {
                        int row = w * spp;
                        for (int y = 0; y < rows; y++) {
                            int base = y * row;
                            for (int i = base + spp; i < base + row; i++) {
                                v[i] += v[i - spp];
                            }
                        }
                    }
                    data = v;
                }
            }
            default -> {
                double[] d = new double[n];
                ByteBuffer.wrap(raw).order(file.order).asDoubleBuffer().get(d, 0, n);
                data = d;
            }
        }
        return new PixelBuffer(w, rows, spp, type, data);
    }

    /** JPEG / JPEG 2000 output to a chunk of {@code w x rows}: colour conversion, crop or pad. */
    private PixelBuffer fromDecoded(DecodedImage d, int w, int rows, boolean ycbcr) {
        int c = d.components();
        if (c != samples) {
            throw bad("compressed tile has " + c + " components, the IFD says " + samples);
        }
        PixelBuffer buf;
        if (d.samples() instanceof byte[] bytes) {
            if (type.bytesPerSample() != 1) {
                throw bad("compressed tile has 8-bit samples, the IFD says " + bits);
            }
            if (ycbcr && c == 3) {
                YCbCr.toRgb(bytes);
            }
            buf = new PixelBuffer(d.width(), d.height(), c, type, bytes);
        } else {
            if (type.bytesPerSample() != 2) {
                throw bad("compressed tile has 16-bit samples, the IFD says " + bits);
            }
            buf = new PixelBuffer(d.width(), d.height(), c, type, d.samples());
        }
        if (buf.width() == w && buf.height() == rows) {
            return buf;
        }
        if (tiled && (buf.width() < w || buf.height() < rows)) {
            // compressed tiles are stored padded to the full tile size; a smaller one means the tile
            // size tags lie (a patched TileWidth of 0xFFFF made every tile 47 MB of zeros before)
            throw bad("a compressed tile holds " + buf.width() + " x " + buf.height() + " pixels, but the IFD declares "
                    + w + " x " + rows + " tiles (corrupt TileWidth/TileLength)");
        }
        PixelBuffer out = PixelBuffer.allocate(w, rows, c, type);
        PixelBuffers.copy(buf, 0, 0, out, 0, 0, Math.min(w, buf.width()), Math.min(rows, buf.height()));
        return out;
    }

    private static void interleave(PixelBuffer plane, PixelBuffer out, int s) {
        int n = plane.width() * plane.height();
        int c = out.channels();
        Object src = plane.data();
        Object dst = out.data();
        for (int i = 0; i < n; i++) {
            java.lang.reflect.Array.set(dst, i * c + s, java.lang.reflect.Array.get(src, i));
        }
    }
}
