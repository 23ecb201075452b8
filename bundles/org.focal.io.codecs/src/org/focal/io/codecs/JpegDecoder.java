package org.focal.io.codecs;

import java.io.IOException;

/**
 * A faster decoder of 8-bit baseline/extended JPEG, offered as an OSGi service (for example by
 * org.focal.io.turbojpeg, libjpeg-turbo through the Foreign Function &amp; Memory API). Readers
 * that decode JPEG tiles or frames take the highest-ranked one ({@code service.ranking}) and fall
 * back to {@link Codecs#decodeJpeg(byte[], byte[])} (the JDK's decoder) when none is present or when
 * it declines a stream. Implementations must be thread-safe.
 */
public interface JpegDecoder {

    /** Reader option that forces the JDK decoder: {@code jpeg.decoder=jdk}. */
    String OPTION = "jpeg.decoder";

    /** A short name for logs and benchmarks, e.g. "libjpeg-turbo 2.1". */
    String name();

    /**
     * Decodes one JPEG stream to interleaved 8-bit samples: grey stays one component; three
     * components come out converted from YCbCr to RGB (libjpeg's fixed-point JFIF conversion) when
     * {@code ycbcr} is true, and as stored when it is false.
     *
     * @param tables a "tables-only" stream (TIFF JPEGTables) for abbreviated streams, or null
     * @param ycbcr whether the caller knows the three components to be YCbCr
     * @return the samples, or null when this decoder cannot honour the request exactly (the stream's
     *         own colour transform disagrees with {@code ycbcr}, 12-bit or CMYK data, ...): the caller
     *         then uses the JDK's decoder
     * @throws IOException for corrupt or truncated data, with a one-line reason
     */
    DecodedImage decode(byte[] data, byte[] tables, boolean ycbcr) throws IOException;

    /**
     * Splices a tables-only JPEG stream (TIFF JPEGTables) and an abbreviated image stream into one
     * stream: the tables without their EOI, then the image stream without its SOI.
     */
    static byte[] mergeTables(byte[] tables, byte[] data) {
        int tablesEnd = tables.length;
        if (tablesEnd >= 2 && (tables[tablesEnd - 2] & 0xFF) == 0xFF && (tables[tablesEnd - 1] & 0xFF) == 0xD9) {
            tablesEnd -= 2; // drop the tables' EOI
        }
        int dataStart = data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 ? 2 : 0;
        byte[] merged = new byte[tablesEnd + data.length - dataStart];
        System.arraycopy(tables, 0, merged, 0, tablesEnd);
        System.arraycopy(data, dataStart, merged, tablesEnd, data.length - dataStart);
        return merged;
    }
}
