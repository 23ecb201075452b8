package org.focal.io.imageio.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;

/**
 * An ordinary image read in horizontal strips of {@value #STRIP_ROWS} rows, so a large PNG or JPEG
 * never has to be decoded whole into memory. Grey stays one channel (8 or 16 bit), colour becomes
 * RGB, alpha is dropped, palettes are expanded.
 */
final class ImageIoSource extends TiledImageSource {

    static final int STRIP_ROWS = 512;

    private final Path file;
    private final String format;
    private final ImageMetadata metadata;
    private final boolean gray;

    private ImageIoSource(Path file, String format, int width, int height, boolean gray, PixelType type, TileCache cache) {
        super(cache);
        this.file = file;
        this.format = format;
        this.gray = gray;
        this.metadata = new ImageMetadata(format, width, height, 1, 1, gray ? 1 : 3, type, PixelCalibration.UNCALIBRATED,
                List.of(new ResolutionLevel(1, width, height)), width, Math.min(height, STRIP_ROWS), List.of(),
                Map.of(ImageProperties.COMPRESSION, format));
    }

    static ImageIoSource open(Path file, TileCache cache) throws IOException {
        String format;
        try (InputStream in = Files.newInputStream(file)) {
            format = ImageIoReader.formatOf(in.readNBytes(8));
        }
        if (format == null) {
            throw BadInputException.forFile(file, "not a PNG, JPEG, GIF or BMP image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, format, in);
            try {
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                ColorModel cm = type == null ? null : type.getColorModel();
                boolean gray = cm != null && !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1;
                boolean sixteen = gray && type.getSampleModel().getDataType() == DataBuffer.TYPE_USHORT;
                return new ImageIoSource(file, format, w, h, gray, sixteen ? PixelType.UINT16 : PixelType.UINT8, cache);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw BadInputException.forFile(file, "unreadable " + format.toUpperCase() + " header (" + e.getMessage() + ")", e);
        }
    }

    private static ImageReader readerFor(Path file, String format, ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw BadInputException.forFile(file, "no " + format + " decoder in this Java runtime");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }

    @Override
    public ImageMetadata metadata() {
        return metadata;
    }

    @Override
    public ImageReference reference() {
        return new ImageReference(file.toUri(), "imageio");
    }

    @Override
    protected PixelBuffer readTile(int level, int tileX, int tileY, int z, int t) throws IOException {
        int y0 = tileY * STRIP_ROWS;
        int rows = Math.min(STRIP_ROWS, metadata.height() - y0);
        BufferedImage strip;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, format, in);
            try {
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle(0, y0, metadata.width(), rows));
                strip = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw BadInputException.forFile(file, "corrupt or truncated " + format.toUpperCase() + " data (" + e.getMessage() + ")", e);
        }
        return toBuffer(strip);
    }

    private PixelBuffer toBuffer(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (gray) {
            int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            if (metadata.pixelType() == PixelType.UINT16) {
                short[] out = new short[samples.length];
                for (int i = 0; i < samples.length; i++) {
                    out[i] = (short) samples[i];
                }
                return new PixelBuffer(w, h, 1, PixelType.UINT16, out);
            }
            byte[] out = new byte[samples.length];
            for (int i = 0; i < samples.length; i++) {
                out[i] = (byte) samples[i];
            }
            return new PixelBuffer(w, h, 1, PixelType.UINT8, out);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++) {
            out[j++] = (byte) (argb[i] >> 16);
            out[j++] = (byte) (argb[i] >> 8);
            out[j++] = (byte) argb[i];
        }
        return new PixelBuffer(w, h, 3, PixelType.UINT8, out);
    }

    @Override
    public void close() {
        releaseTiles();
    }
}
