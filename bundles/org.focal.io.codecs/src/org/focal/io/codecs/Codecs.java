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
        byte[] stream = tables == null ? data : JpegDecoder.mergeTables(tables, data);
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

    /**
     * Sequential DCT JPEG (baseline SOF0 or extended SOF1, Huffman coded) at 8 or 12 bits precision
     * through the own {@link SequentialJpegDecoder}: the 12-bit frames of DICOM transfer syntax
     * 1.2.840.10008.1.2.4.51 that the JDK's decoder refuses. Samples as stored (no colour
     * conversion), unsigned, 16 bits wide; the inverse DCT matches IJG libjpeg's "islow" method.
     */
    public static DecodedImage decodeSequentialJpeg(byte[] data) throws IOException {
        int[] info = new int[4];
        short[] samples;
        try {
            samples = SequentialJpegDecoder.decode(data, info);
        } catch (RuntimeException e) {
            throw new IOException("corrupt JPEG data: " + e, e);
        }
        return new DecodedImage(info[0], info[1], info[2], 16, false, samples);
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
     * Lossless JPEG (process 14, DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 and .70), decoded by
     * {@link LosslessJpegDecoder} (ome-codecs' decoder needs kryo and guava at runtime). Samples keep
     * their stored bit pattern; the caller sign-extends signed data.
     *
     * @param bitsAllocated 8 or 16: the sample width the caller expects
     */
    public static DecodedImage decodeLosslessJpeg(byte[] data, int width, int height, int components, int bitsAllocated,
            boolean signed) throws IOException {
        int[] info = new int[4];
        int[] decoded;
        try {
            decoded = LosslessJpegDecoder.decode(data, info);
        } catch (RuntimeException e) {
            throw new IOException("corrupt lossless JPEG data: " + e, e);
        }
        if (info[0] != width || info[1] != height || info[2] != components) {
            throw new IOException("lossless JPEG data is " + info[0] + " x " + info[1] + " x " + info[2] + ", expected "
                    + width + " x " + height + " x " + components);
        }
        int n = decoded.length;
        if (bitsAllocated <= 8) {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) decoded[i];
            }
            return new DecodedImage(width, height, components, 8, signed, out);
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) decoded[i];
        }
        return new DecodedImage(width, height, components, 16, signed, out);
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
