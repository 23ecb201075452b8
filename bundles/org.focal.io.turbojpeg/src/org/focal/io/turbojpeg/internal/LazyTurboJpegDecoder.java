package org.focal.io.turbojpeg.internal;

import java.io.IOException;
import java.util.function.Supplier;

import org.focal.io.codecs.DecodedImage;
import org.focal.io.codecs.JpegDecoder;

/**
 * The registered {@link JpegDecoder}: binds libjpeg-turbo on the first JPEG stream, not at start-up
 * (loading the library and linking its functions through the FFM API costs a noticeable part of a
 * short {@code focal} run that decodes no JPEG at all). When the library cannot be used it logs one
 * line and declines every stream, so readers keep the JDK's decoder, as without the service.
 */
final class LazyTurboJpegDecoder implements JpegDecoder {

    private final Supplier<TurboJpegDecoder> loader;
    private final String library;
    private TurboJpegDecoder decoder;
    private boolean failed;
    private boolean closed;

    LazyTurboJpegDecoder(Supplier<TurboJpegDecoder> loader, String library) {
        this.loader = loader;
        this.library = library;
    }

    /** The loaded decoder, loading it now; null when the library cannot be used or this was closed. */
    synchronized TurboJpegDecoder loaded() {
        if (decoder == null && !failed && !closed) {
            try {
                decoder = loader.get();
            } catch (IllegalStateException | LinkageError e) {
                failed = true;
                // the logger only now: creating it starts java.util.logging, which a short run does not need
                System.getLogger("org.focal.io.turbojpeg").log(System.Logger.Level.INFO, "libjpeg-turbo not used, JPEG tiles decode with the JDK's decoder: "
                        + e.getMessage());
            }
        }
        return closed ? null : decoder;
    }

    @Override
    public String name() {
        TurboJpegDecoder d = loaded();
        return d != null ? d.name() : "libjpeg-turbo (" + library + ", not usable)";
    }

    @Override
    public DecodedImage decode(byte[] data, byte[] tables, boolean ycbcr) throws IOException {
        TurboJpegDecoder d = loaded();
        return d == null ? null : d.decode(data, tables, ycbcr); // null: the reader uses the JDK's decoder
    }

    /** After this every stream is declined (the bundle is stopping). */
    synchronized void close() {
        closed = true;
        if (decoder != null) {
            decoder.close();
        }
    }
}
