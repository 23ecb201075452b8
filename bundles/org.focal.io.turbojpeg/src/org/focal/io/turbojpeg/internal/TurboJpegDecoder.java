package org.focal.io.turbojpeg.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

import org.focal.io.codecs.Codecs;
import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;

/**
 * {@link JpegDecoder} on libjpeg-turbo's TurboJPEG API: the same libjpeg decoding steps as the
 * JDK's decoder and OpenSlide (accurate integer IDCT, fancy upsampling, JFIF YCbCr to RGB), about
 * twice as fast. One decompressor handle per thread (handles are not thread-safe), destroyed by a
 * {@link Cleaner} when the thread's handle becomes unreachable; native buffers live in a confined
 * arena per call. Every length and size is checked before memory is handed to native code.
 */
public final class TurboJpegDecoder implements JpegDecoder {

    /** Largest decoded image accepted (bytes): a corrupt header must not exhaust memory. */
    static final long MAX_DECODED_BYTES = 1L << 30;

    private static final Cleaner CLEANER = Cleaner.create();

    private final TurboJpeg tj;
    private final ThreadLocal<Handle> handles;
    private final AtomicLong decoded = new AtomicLong();
    private volatile boolean closed;

    /** A decompressor handle of one thread; the cleaner destroys it once unreachable. */
    private static final class Handle {
        final MemorySegment ptr;

        Handle(TurboJpeg tj) {
            MemorySegment p = tj.init();
            this.ptr = p;
            CLEANER.register(this, () -> tj.destroy(p));
        }
    }

    TurboJpegDecoder(TurboJpeg tj) {
        this.tj = tj;
        this.handles = ThreadLocal.withInitial(() -> new Handle(tj));
    }

    /** Loads libturbojpeg (see {@link TurboJpeg#load()}); throws IllegalStateException when unavailable. */
    public static TurboJpegDecoder load() {
        return new TurboJpegDecoder(TurboJpeg.load());
    }

    @Override
    public String name() {
        return "libjpeg-turbo (" + tj.library + ")";
    }

    /** Streams decoded so far (tests and benchmarks check that this decoder is the one in use). */
    public long decodedCount() {
        return decoded.get();
    }

    /** After this, {@link #decode} declines every stream (the bundle is stopping). */
    void close() {
        closed = true;
    }

    @Override
    public DecodedImage decode(byte[] data, byte[] tables, boolean ycbcr) throws IOException {
        if (closed) {
            return null;
        }
        byte[] stream = tables == null || tables.length == 0 ? data : Codecs.mergeTables(tables, data);
        int precision = framePrecision(stream);
        if (precision != 8 && precision != 0) {
            return null; // 12-bit or lossless: the JDK path gives its own clear error
        }
        Handle h = handles.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(stream.length);
            MemorySegment.copy(stream, 0, src, JAVA_BYTE, 0, stream.length);
            MemorySegment dims = arena.allocate(JAVA_INT, 4);
            if (tj.decompressHeader(h.ptr, src, stream.length, dims) != 0) {
                throw failure(h, "corrupt JPEG data: ");
            }
            int width = dims.getAtIndex(JAVA_INT, 0);
            int height = dims.getAtIndex(JAVA_INT, 1);
            int colorspace = dims.getAtIndex(JAVA_INT, 3);
            int components;
            int format;
            switch (colorspace) {
                case TurboJpeg.TJCS_GRAY -> {
                    components = 1;
                    format = TurboJpeg.TJPF_GRAY;
                }
                case TurboJpeg.TJCS_YCBCR, TurboJpeg.TJCS_RGB -> {
                    if (ycbcr != (colorspace == TurboJpeg.TJCS_YCBCR)) {
                        return null; // the stream's own transform disagrees with the caller: keep the JDK path
                    }
                    components = 3;
                    format = TurboJpeg.TJPF_RGB;
                }
                default -> {
                    return null; // CMYK / YCCK
                }
            }
            if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
                throw new IOException("corrupt JPEG data: image size " + width + " x " + height);
            }
            long bytes = (long) width * height * components;
            if (bytes > MAX_DECODED_BYTES) {
                throw new IOException("JPEG image of " + width + " x " + height + " is too large to decode");
            }
            MemorySegment dst = arena.allocate(bytes);
            int rc = tj.decompress(h.ptr, src, stream.length, dst, width, width * components, height, format, 0);
            if (rc != 0) {
                throw failure(h, "corrupt JPEG data: ");
            }
            byte[] out = dst.toArray(JAVA_BYTE);
            decoded.incrementAndGet();
            return new DecodedImage(width, height, components, 8, false, out);
        }
    }

    private IOException failure(Handle h, String prefix) {
        String msg = tj.errorString(h.ptr);
        return new IOException(prefix + msg.strip());
    }

    /**
     * The sample precision in the stream's SOF marker, 0 when no SOF is found before the scan
     * (the native decoder then reports the problem); -1 for lossless (SOF3, SOF7, SOF11, SOF15).
     */
    static int framePrecision(byte[] s) {
        int i = 2;
        while (i + 4 < s.length) {
            if ((s[i] & 0xFF) != 0xFF) {
                return 0;
            }
            int marker = s[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 0;
            }
            int len = ((s[i + 2] & 0xFF) << 8) | (s[i + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if ((marker & 3) == 3) {
                    return -1;
                }
                return i + 4 < s.length ? s[i + 4] & 0xFF : 0;
            }
            if (len < 2) {
                return 0;
            }
            i += 2 + len;
        }
        return 0;
    }
}
