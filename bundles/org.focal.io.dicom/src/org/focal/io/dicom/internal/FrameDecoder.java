package org.focal.io.dicom.internal;

import java.io.IOException;

import org.focal.core.BadInputException;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.io.codecs.Codecs;
import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;
import org.focal.io.codecs.JpegMarkers;

/**
 * Decodes one frame of a {@link DicomFile} into stored values (not rescaled): interleaved
 * samples, colour as RGB, signedness from PixelRepresentation, values reduced to BitsStored.
 */
final class FrameDecoder {

    private FrameDecoder() {
    }

    /** True when decoded colour frames are converted from YCbCr to RGB, so the result is RGB. */
    static String decodedPhotometric(DicomFile f) {
        return f.samples == 3 && f.photometric.startsWith("YBR") ? "RGB" : f.photometric;
    }

    static PixelBuffer decode(DicomFile f, int frame) throws IOException {
        if (frame < 0 || frame >= f.frames) {
            throw new IllegalArgumentException("frame " + frame + " outside 0.." + (f.frames - 1));
        }
        try {
            return switch (f.syntax) {
                case IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE, DEFLATED_LE -> decodeNative(f, frame);
                case RLE -> decodeRle(f, frame, f.compressedFrame(frame));
                case JPEG_BASELINE, JPEG_EXTENDED -> {
                    byte[] data = f.compressedFrame(frame);
                    checkSize(f, frame, jpegFrameSize(data));
                    boolean ycc = jpegIsYcc(data, f.photometric);
                    if (JpegMarkers.scan(data).precision() > 8) {
                        // 12-bit (process 4): the JDK's decoder and the 8-bit services cannot decode it
                        DecodedImage d = Codecs.decodeSequentialJpeg(data);
                        yield fromDecoded(f, frame, d, d.components() == 3 && ycc);
                    }
                    JpegDecoder fast = f.bitsAllocated == 8 ? f.jpegDecoder.get() : null;
                    DecodedImage d = fast == null ? null : fast.decode(data, null, ycc);
                    if (d != null) {
                        yield fromDecoded(f, frame, d, false); // already RGB where it was YCbCr
                    }
                    d = Codecs.decodeJpeg(data, null);
                    yield fromDecoded(f, frame, d, d.components() == 3 && ycc);
                }
                case JPEG_LOSSLESS, JPEG_LOSSLESS_SV1 -> {
                    byte[] data = f.compressedFrame(frame);
                    checkSize(f, frame, jpegFrameSize(data));
                    DecodedImage d = Codecs.decodeLosslessJpeg(data, f.columns, f.rows, f.samples,
                            f.bitsAllocated, f.signed);
                    yield fromDecoded(f, frame, d, f.samples == 3 && f.photometric.startsWith("YBR_FULL"));
                }
                case JPEG2000_LOSSLESS, JPEG2000 -> {
                    byte[] data = f.compressedFrame(frame);
                    checkSize(f, frame, j2kSize(data));
                    DecodedImage d = Codecs.decodeJpeg2000(data);
                    yield fromDecoded(f, frame, d, f.samples == 3 && f.photometric.startsWith("YBR_FULL"));
                }
            };
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw BadInputException.forFile(f.path, "cannot decode frame " + (frame + 1) + " of " + f.frames + " ("
                    + f.syntax.compression + "): " + msg, e);
        }
    }

    /**
     * Refuses a compressed frame whose own header declares another size than the DICOM header
     * before the decoder allocates for it (a corrupt or hostile frame must not exhaust memory).
     */
    private static void checkSize(DicomFile f, int frame, int[] size) {
        if (size != null && (size[0] != f.columns || size[1] != f.rows)) {
            throw f.fail("frame " + (frame + 1) + " is a " + size[0] + " x " + size[1] + " " + f.syntax.compression
                    + " image but the header says " + f.columns + " x " + f.rows);
        }
    }

    /** Width and height from a JPEG stream's SOF marker, or null when not found. */
    static int[] jpegFrameSize(byte[] data) {
        JpegMarkers m = JpegMarkers.scan(data);
        return !m.hasFrame() || m.height() == 0 ? null : new int[] {m.width(), m.height()};
    }

    /** Width and height from a JPEG 2000 codestream's SIZ marker, or null (e.g. a JP2 file). */
    static int[] j2kSize(byte[] d) {
        if (d.length < 24 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0x4F || (d[2] & 0xFF) != 0xFF || (d[3] & 0xFF) != 0x51) {
            return null;
        }
        long xsiz = be32(d, 8);
        long ysiz = be32(d, 12);
        long xo = be32(d, 16);
        long yo = be32(d, 20);
        long w = xsiz - xo;
        long h = ysiz - yo;
        return new int[] {(int) Math.max(-1, Math.min(Integer.MAX_VALUE, w)), (int) Math.max(-1, Math.min(Integer.MAX_VALUE, h))};
    }

    private static long be32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }

    // ---------------------------------------------------------------- native

    private static PixelBuffer decodeNative(DicomFile f, int frame) throws IOException {
        if (f.samples == 3 && f.photometric.equals("YBR_FULL_422")) {
            throw f.fail("uncompressed YBR_FULL_422 pixel data is not supported");
        }
        byte[] raw = f.nativeFrame(frame);
        int n = f.rows * f.columns * f.samples;
        PixelBuffer out = PixelBuffer.allocate(f.columns, f.rows, f.samples, f.pixelType());
        switch (f.bitsAllocated) {
            case 1 -> {
                byte[] o = (byte[]) out.data();
                int bitOffset = (int) (((long) n * frame) % 8);
                for (int i = 0; i < n; i++) {
                    int bit = bitOffset + i;
                    o[i] = (byte) ((raw[bit >>> 3] >> (bit & 7)) & 1);
                }
                return out;
            }
            case 8 -> System.arraycopy(raw, 0, out.data(), 0, n);
            case 16 -> {
                short[] o = (short[]) out.data();
                boolean be = f.syntax.bigEndian;
                for (int i = 0; i < n; i++) {
                    int a = raw[2 * i] & 0xFF;
                    int b = raw[2 * i + 1] & 0xFF;
                    o[i] = (short) (be ? (a << 8) | b : (b << 8) | a);
                }
            }
            default -> {
                int[] o = (int[]) out.data();
                boolean be = f.syntax.bigEndian;
                for (int i = 0; i < n; i++) {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        v = (v << 8) | (raw[4 * i + (be ? k : 3 - k)] & 0xFF);
                    }
                    o[i] = v;
                }
            }
        }
        if (f.samples > 1 && f.planarConfiguration == 1) {
            out = interleave(out);
        }
        normalize(f, out);
        if (f.samples == 3 && f.photometric.equals("YBR_FULL") && f.bitsAllocated == 8) {
            yccToRgb((byte[]) out.data());
        }
        return out;
    }

    /** Planar (RRR..GGG..BBB..) to interleaved. */
    private static PixelBuffer interleave(PixelBuffer planar) {
        PixelBuffer out = PixelBuffer.allocate(planar.width(), planar.height(), planar.channels(), planar.type());
        int c = planar.channels();
        int plane = planar.width() * planar.height();
        Object src = planar.data();
        Object dst = out.data();
        for (int s = 0; s < c; s++) {
            for (int i = 0; i < plane; i++) {
                switch (src) {
                    case byte[] b -> ((byte[]) dst)[i * c + s] = b[s * plane + i];
                    case short[] b -> ((short[]) dst)[i * c + s] = b[s * plane + i];
                    case int[] b -> ((int[]) dst)[i * c + s] = b[s * plane + i];
                    default -> throw new IllegalStateException();
                }
            }
        }
        return out;
    }

    /** Keeps the BitsStored bits below HighBit and sign-extends signed data. */
    static void normalize(DicomFile f, PixelBuffer b) {
        int stored = f.bitsStored;
        if (stored >= f.bitsAllocated || f.bitsAllocated == 1) {
            return;
        }
        int shift = f.highBit + 1 - stored;
        long mask = (1L << stored) - 1;
        long sign = 1L << (stored - 1);
        switch (b.data()) {
            case byte[] d -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (byte) fix(d[i] & 0xFF, shift, mask, sign, f.signed);
                }
            }
            case short[] d -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (short) fix(d[i] & 0xFFFF, shift, mask, sign, f.signed);
                }
            }
            case int[] d -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (int) fix(d[i] & 0xFFFFFFFFL, shift, mask, sign, f.signed);
                }
            }
            default -> {
            }
        }
    }

    private static long fix(long raw, int shift, long mask, long sign, boolean signed) {
        long v = (raw >>> shift) & mask;
        if (signed && (v & sign) != 0) {
            v |= ~mask;
        }
        return v;
    }

    // ---------------------------------------------------------------- RLE

    private static PixelBuffer decodeRle(DicomFile f, int frame, byte[] data) throws IOException {
        if (f.bitsAllocated == 1 || f.bitsAllocated == 32 && f.samples > 1) {
            throw f.fail("RLE with " + f.bitsAllocated + "-bit samples is not supported");
        }
        int bytesPerSample = f.bitsAllocated / 8;
        int segments = f.samples * bytesPerSample;
        if (data.length < 64) {
            throw f.fail("RLE frame " + (frame + 1) + " is shorter than its 64-byte header");
        }
        int declared = (int) le32(data, 0);
        if (declared != segments) {
            throw f.fail("RLE frame " + (frame + 1) + " has " + declared + " segments, expected " + segments);
        }
        int plane = f.rows * f.columns;
        byte[][] seg = new byte[segments][];
        for (int s = 0; s < segments; s++) {
            long start = le32(data, 4 + 4 * s);
            long end = s + 1 < segments ? le32(data, 8 + 4 * s) : data.length;
            if (start < 64 || start > end || end > data.length) {
                throw f.fail("RLE frame " + (frame + 1) + " has a corrupt segment offset table");
            }
            if (plane > (end - start) * 64 + 128) {
                // PackBits expands two bytes to at most 128: this segment cannot fill the plane
                throw f.fail("RLE frame " + (frame + 1) + " is too short for " + f.columns + " x " + f.rows + " pixels");
            }
            seg[s] = unpackBits(f, frame, data, (int) start, (int) end, plane);
        }
        PixelBuffer out = PixelBuffer.allocate(f.columns, f.rows, f.samples, f.pixelType());
        int c = f.samples;
        Object dst = out.data();
        for (int s = 0; s < c; s++) {
            if (bytesPerSample == 1) {
                byte[] a = seg[s];
                byte[] d = (byte[]) dst;
                for (int i = 0; i < plane; i++) {
                    d[i * c + s] = a[i];
                }
            } else if (bytesPerSample == 2) {
                byte[] hi = seg[2 * s];
                byte[] lo = seg[2 * s + 1];
                short[] d = (short[]) dst;
                for (int i = 0; i < plane; i++) {
                    d[i * c + s] = (short) ((hi[i] & 0xFF) << 8 | (lo[i] & 0xFF));
                }
            } else {
                int[] d = (int[]) dst;
                for (int i = 0; i < plane; i++) {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        v = (v << 8) | (seg[4 * s + k][i] & 0xFF);
                    }
                    d[i * c + s] = v;
                }
            }
        }
        normalize(f, out);
        if (c == 3 && f.photometric.equals("YBR_FULL") && f.bitsAllocated == 8) {
            yccToRgb((byte[]) out.data());
        }
        return out;
    }

    private static byte[] unpackBits(DicomFile f, int frame, byte[] in, int from, int to, int size) {
        byte[] out = new byte[size];
        int o = 0;
        int i = from;
        while (o < size && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(size - o, to - i));
                System.arraycopy(in, i, out, o, count);
                i += n + 1;
                o += count;
            } else if (n != -128) {
                if (i >= to) {
                    break;
                }
                int count = Math.min(1 - n, size - o);
                java.util.Arrays.fill(out, o, o + count, in[i++]);
                o += count;
            }
        }
        if (o < size) {
            throw f.fail("RLE frame " + (frame + 1) + " decodes to " + o + " bytes per segment, expected " + size);
        }
        return out;
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    // ---------------------------------------------------------------- JPEG family

    private static PixelBuffer fromDecoded(DicomFile f, int frame, DecodedImage d, boolean ycc) {
        if (d.width() != f.columns || d.height() != f.rows || d.components() != f.samples) {
            throw f.fail("frame " + (frame + 1) + " decodes to " + d.width() + " x " + d.height() + " x " + d.components()
                    + " but the header says " + f.columns + " x " + f.rows + " x " + f.samples);
        }
        if (f.bitsAllocated != 8 && f.bitsAllocated != 16) {
            throw f.fail(f.bitsAllocated + "-bit samples are not supported with " + f.syntax.compression);
        }
        PixelType type = f.pixelType();
        int n = f.columns * f.rows * f.samples;
        PixelBuffer out = PixelBuffer.allocate(f.columns, f.rows, f.samples, type);
        Object src = d.samples();
        if (f.bitsAllocated == 8) {
            byte[] o = (byte[]) out.data();
            if (src instanceof byte[] b) {
                System.arraycopy(b, 0, o, 0, n);
            } else {
                short[] s = (short[]) src;
                for (int i = 0; i < n; i++) {
                    o[i] = (byte) s[i];
                }
            }
        } else {
            short[] o = (short[]) out.data();
            if (src instanceof short[] s) {
                System.arraycopy(s, 0, o, 0, n);
            } else {
                byte[] b = (byte[]) src;
                for (int i = 0; i < n; i++) {
                    o[i] = (short) (d.signed() ? b[i] : b[i] & 0xFF);
                }
            }
        }
        normalize(f, out);
        if (ycc && f.bitsAllocated == 8) {
            yccToRgb((byte[]) out.data());
        } else if (ycc && !f.signed) {
            yccToRgb((short[]) out.data(), Math.min(16, f.bitsStored));
        }
        return out;
    }

    /**
     * Whether the three components of a lossy JPEG stream are YCbCr, as libjpeg decides it: an
     * Adobe marker's transform flag, else JFIF means YCbCr, else component ids 'R','G','B' mean
     * RGB, else YCbCr (also when the DICOM header says YBR_*).
     */
    static boolean jpegIsYcc(byte[] data, String photometric) {
        JpegMarkers m = JpegMarkers.scan(data);
        if (m.adobeTransform() >= 0) {
            return m.adobeTransform() != 0;
        }
        if (m.jfif() || photometric.startsWith("YBR")) {
            return true;
        }
        return !m.rgbIds();
    }

    /** Full-range YCbCr (JPEG/JFIF, DICOM YBR_FULL) to RGB, in place, interleaved 8-bit. */
    static void yccToRgb(byte[] p) {
        for (int i = 0; i + 2 < p.length; i += 3) {
            double y = p[i] & 0xFF;
            double cb = (p[i + 1] & 0xFF) - 128.0;
            double cr = (p[i + 2] & 0xFF) - 128.0;
            p[i] = clamp(y + 1.402 * cr);
            p[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
            p[i + 2] = clamp(y + 1.772 * cb);
        }
    }

    /**
     * Full-range YCbCr to RGB, in place, interleaved unsigned samples of {@code bits} bits (12-bit
     * JPEG), in libjpeg's fixed-point arithmetic (16 fraction bits, its rounding), so that colour
     * frames match libjpeg's (dcmtk's) conversion exactly.
     */
    static void yccToRgb(short[] p, int bits) {
        int max = (1 << bits) - 1;
        int centre = 1 << (bits - 1);
        long half = 1L << 15;
        long crR = fix(1.40200);
        long cbB = fix(1.77200);
        long crG = -fix(0.71414);
        long cbG = -fix(0.34414);
        for (int i = 0; i + 2 < p.length; i += 3) {
            int y = p[i] & 0xFFFF;
            int cb = (p[i + 1] & 0xFFFF) - centre;
            int cr = (p[i + 2] & 0xFFFF) - centre;
            p[i] = clamp(y + ((crR * cr + half) >> 16), max);
            p[i + 1] = clamp(y + ((cbG * cb + half + crG * cr) >> 16), max);
            p[i + 2] = clamp(y + ((cbB * cb + half) >> 16), max);
        }
    }

    private static long fix(double x) {
        return (long) (x * 65536 + 0.5);
    }

    private static short clamp(long v, int max) {
        return (short) (v < 0 ? 0 : v > max ? max : v);
    }

    private static byte clamp(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
