package org.focal.io.turbojpeg.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;
import org.focal.io.codecs.JpegMarkers;

/**
 * {@link JpegDecoder} on libjpeg-turbo's TurboJPEG API: the same libjpeg decoding steps as the
 * JDK's decoder and OpenSlide (accurate integer IDCT, fancy upsampling, JFIF YCbCr to RGB), about
 * twice as fast. One decompressor handle per thread (handles are not thread-safe), destroyed by a
 * {@link Cleaner} when the thread's handle becomes unreachable; native buffers live in a confined
 * arena per call. Every length and size is checked before memory is handed to native code.
 * Fatal libjpeg errors become an {@link IOException} with tjGetErrorStr2's text; libjpeg warnings
 * (a scan ending early, extraneous bytes) keep the decoded image, as the JDK's decoder does.
 */
public final class TurboJpegDecoder implements JpegDecoder {

    /** Largest decoded image accepted (bytes): a corrupt header must not exhaust memory. */
    static final long MAX_DECODED_BYTES = 1L << 30;

    private static final Cleaner CLEANER = Cleaner.create();

    private final TurboJpeg tj;
    private final ThreadLocal<Handle> handles;
    private final AtomicLong decoded = new AtomicLong();
    private volatile boolean closed;

    /**
     * A decompressor handle of one thread; the cleaner destroys it once unreachable, or at once
     * after a libjpeg error (TurboJPEG 2.x leaves a handle mid-header after a failed
     * tjDecompressHeader3, so it is never reused).
     */
    private static final class Handle {
        final MemorySegment ptr;
        final Cleaner.Cleanable cleanable;

        Handle(TurboJpeg tj) {
            MemorySegment p = tj.init();
            this.ptr = p;
            this.cleanable = CLEANER.register(this, () -> tj.destroy(p));
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
        byte[] stream = tables == null || tables.length == 0 ? data : JpegDecoder.mergeTables(tables, data);
        JpegMarkers markers = JpegMarkers.scan(stream);
        if (markers.precision() != 8 && markers.precision() != 0) {
            return null; // 12-bit or lossless: the JDK path gives its own clear error
        }
        Handle h = handles.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dims = arena.allocate(JAVA_INT, 4);
            MemorySegment src = header(h, arena, stream, dims);
            if (dims.getAtIndex(JAVA_INT, 3) == (ycbcr ? TurboJpeg.TJCS_RGB : TurboJpeg.TJCS_YCBCR) && markers.components() == 3
                    && !markers.jfif() && markers.adobeTransform() < 0) {
                // No JFIF or Adobe marker: libjpeg guessed the colour space from the component ids, and the
                // container (TIFF photometric, DICOM header) says otherwise, e.g. Aperio SVS tiles holding RGB
                // with ids 0,1,2. An Adobe marker with the caller's transform makes libjpeg decode them as the
                // JDK path reads them (raw RGB, or YCbCr converted to RGB).
                stream = withAdobeMarker(stream, ycbcr ? 1 : 0);
                src = header(h, arena, stream, dims);
            }
            int width = dims.getAtIndex(JAVA_INT, 0);
            int height = dims.getAtIndex(JAVA_INT, 1);
            int colorspace = dims.getAtIndex(JAVA_INT, 3);
            if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
                throw new IOException("corrupt JPEG data: image size " + width + " x " + height);
            }
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
            long bytes = (long) width * height * components;
            if (bytes > MAX_DECODED_BYTES) {
                throw new IOException("JPEG image of " + width + " x " + height + " is too large to decode");
            }
            MemorySegment dst = arena.allocate(bytes);
            int rc = tj.decompress(h.ptr, src, stream.length, dst, width, width * components, height, format, 0);
            if (rc != 0 && tj.errorCode(h.ptr) != TurboJpeg.TJERR_WARNING) {
                throw failure(h, "corrupt JPEG data: ");
            }
            // A warning (data ending early, extraneous bytes) leaves a complete, partly grey image: the
            // JDK's decoder (libjpeg 6b) keeps such tiles too, so both paths give the same pixels.
            byte[] out = dst.toArray(JAVA_BYTE);
            decoded.incrementAndGet();
            return new DecodedImage(width, height, components, 8, false, out);
        }
    }

    /** Copies the stream to native memory and reads its header into dims; throws for corrupt data. */
    private MemorySegment header(Handle h, Arena arena, byte[] stream, MemorySegment dims) throws IOException {
        MemorySegment src = arena.allocate(stream.length);
        MemorySegment.copy(stream, 0, src, JAVA_BYTE, 0, stream.length);
        if (tj.decompressHeader(h.ptr, src, stream.length, dims) != 0) {
            throw failure(h, "corrupt JPEG data: ");
        }
        return src;
    }

    /** SOI, an Adobe APP14 marker with the given transform (0 RGB, 1 YCbCr), then the rest of the stream. */
    static byte[] withAdobeMarker(byte[] stream, int transform) {
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[stream.length + adobe.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        System.arraycopy(adobe, 0, out, 2, adobe.length);
        System.arraycopy(stream, 2, out, 2 + adobe.length, stream.length - 2);
        return out;
    }

    /** The library's message for a fatal error; the thread's handle is destroyed and replaced. */
    private IOException failure(Handle h, String prefix) {
        String msg = tj.errorString(h.ptr);
        handles.remove();
        h.cleanable.clean();
        return new IOException(prefix + msg.strip().replace('\n', ' '));
    }
}
