package org.focal.io.codecs;

import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.DataBufferShort;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;

import ome.codecs.CodecException;
import ome.codecs.CodecOptions;
import ome.codecs.LosslessJPEGCodec;

/**
 * Decoders for the compressed pixel data of TIFF and DICOM files. Each call is independent and
 * thread-safe (a decoder object per call). Failures are {@link IOException}s with a short reason.
 */
public final class Codecs {

    private static final J2KImageReaderSpi J2K_SPI = new J2KImageReaderSpi();

    private Codecs() {
    }

    /**
     * Baseline/extended JPEG through the JDK's decoder, returning the components as stored (no
     * YCbCr to RGB conversion: the caller knows the photometric interpretation).
     *
     * @param tables a JPEG "tables-only" stream (TIFF JPEGTables) for abbreviated tiles, or null
     */
    public static DecodedImage decodeJpeg(byte[] data, byte[] tables) throws IOException {
        byte[] stream = tables == null ? data : mergeTables(tables, data);
        ImageReader reader = jdkJpegReader();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            return fromRaster(raster, raster.getSampleModel().getSampleSize(0), false);
        } catch (RuntimeException e) {
            throw new IOException("corrupt JPEG data: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** JPEG 2000 codestream or JP2 file (lossless or lossy), raw component values. */
    public static DecodedImage decodeJpeg2000(byte[] data) throws IOException {
        J2KImageReader reader = new J2KImageReader(J2K_SPI);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            Raster raster = reader.readRaster(0, param);
            int bits = raster.getSampleModel().getSampleSize(0);
            boolean signed = raster.getDataBuffer().getDataType() == DataBuffer.TYPE_SHORT;
            return fromRaster(raster, bits, signed);
        } catch (RuntimeException e) {
            throw new IOException("corrupt JPEG 2000 data: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Lossless JPEG (process 14, DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 and .70).
     *
     * @param bitsAllocated 8 or 16: the sample width the caller expects
     */
    public static DecodedImage decodeLosslessJpeg(byte[] data, int width, int height, int components, int bitsAllocated,
            boolean signed) throws IOException {
        CodecOptions options = new CodecOptions();
        options.width = width;
        options.height = height;
        options.channels = components;
        options.bitsPerSample = bitsAllocated;
        options.littleEndian = true;
        options.interleaved = true;
        options.signed = signed;
        byte[] raw;
        try {
            raw = new LosslessJPEGCodec().decompress(data, options);
        } catch (CodecException | RuntimeException e) {
            throw new IOException("corrupt lossless JPEG data: " + e.getMessage(), e);
        }
        int n = width * height * components;
        if (bitsAllocated <= 8) {
            if (raw.length < n) {
                throw new IOException("lossless JPEG data decodes to " + raw.length + " bytes, expected " + n);
            }
            return new DecodedImage(width, height, components, 8, signed, java.util.Arrays.copyOf(raw, n));
        }
        if (raw.length < 2 * n) {
            throw new IOException("lossless JPEG data decodes to " + raw.length + " bytes, expected " + 2 * n);
        }
        // ome-codecs returns 16-bit samples big-endian regardless of options
        short[] samples = new short[n];
        for (int i = 0; i < n; i++) {
            samples[i] = (short) (((raw[2 * i] & 0xFF) << 8) | (raw[2 * i + 1] & 0xFF));
        }
        return new DecodedImage(width, height, components, 16, signed, samples);
    }

    /** Splices a tables-only JPEG stream and an abbreviated image stream into one stream. */
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

    private static ImageReader jdkJpegReader() throws IOException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio")) {
                return r;
            }
        }
        throw new IOException("the JDK's JPEG decoder is not available");
    }

    private static DecodedImage fromRaster(Raster raster, int bits, boolean signed) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int c = raster.getNumBands();
        DataBuffer db = raster.getDataBuffer();
        boolean interleavedBytes = db instanceof DataBufferByte && raster.getMinX() == 0 && raster.getMinY() == 0
                && raster.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm
                && sm.getPixelStride() == c && sm.getScanlineStride() == w * c && isIdentityOffsets(sm.getBandOffsets())
                && db.getNumBanks() == 1 && ((DataBufferByte) db).getOffset() == 0;
        if (interleavedBytes && ((DataBufferByte) db).getData().length == w * h * c) {
            return new DecodedImage(w, h, c, bits, signed, ((DataBufferByte) db).getData());
        }
        int[] all = raster.getPixels(0, 0, w, h, (int[]) null);
        if (db instanceof DataBufferByte) {
            byte[] out = new byte[all.length];
            for (int i = 0; i < all.length; i++) {
                out[i] = (byte) all[i];
            }
            return new DecodedImage(w, h, c, bits, signed, out);
        }
        short[] out = new short[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = (short) all[i];
        }
        return new DecodedImage(w, h, c, bits, signed || db instanceof DataBufferShort, out);
    }

    private static boolean isIdentityOffsets(int[] offsets) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != i) {
                return false;
            }
        }
        return true;
    }

    static boolean isUShort(DataBuffer db) {
        return db instanceof DataBufferUShort;
    }
}
