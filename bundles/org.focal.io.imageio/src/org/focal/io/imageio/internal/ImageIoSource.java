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
import org.focal.core.image.RegionRequest;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.PixelBuffers;
import org.focal.io.TileCache;
import org.focal.io.TiledImageSource;

/**
 * An ordinary image read in horizontal strips of {@value #STRIP_ROWS} rows, so a large PNG or JPEG
 * never has to be decoded whole into memory. Grey stays one channel (8 or 16 bit), colour becomes
 * RGB, alpha is dropped, palettes are expanded.
 */
final class ImageIoSource extends TiledImageSource {

    static final int STRIP_ROWS = 512;

    /** Most samples a subsampled decode may produce (see {@link #read}): 48 MB of int pixels at most. */
    static final long SUBSAMPLED_SAMPLES = 12L << 20;

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
                DeclaredSize.check(file, format, w, h, Files.size(file));
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
        return toBuffer(decode(new Rectangle(0, y0, metadata.width(), rows), 1));
    }

    /**
     * A large region read at a downsample of 2 or more is decoded in one pass with ImageIO's source
     * subsampling (every s-th pixel of every s-th row), then area-averaged to the asked size. The
     * strips of {@link #readTile} would each decode the file from its start again, and hold full
     * resolution rows: a thumbnail of a 30000 x 30000 PNG took minutes and gigabytes that way.
     */
    @Override
    public PixelBuffer read(RegionRequest request) throws IOException {
        int s = subsampling(request);
        if (s < 2 || request.z() != 0 || request.t() != 0) {
            return super.read(request);
        }
        int cx0 = Math.max(0, request.x());
        int cy0 = Math.max(0, request.y());
        int cx1 = (int) Math.min(metadata.width(), (long) request.x() + request.width());
        int cy1 = (int) Math.min(metadata.height(), (long) request.y() + request.height());
        PixelBuffer part = toBuffer(decode(new Rectangle(cx0, cy0, cx1 - cx0, cy1 - cy0), s));
        PixelBuffer whole = part;
        if (cx0 != request.x() || cy0 != request.y() || cx1 - cx0 != request.width() || cy1 - cy0 != request.height()) {
            // the region reaches outside the image: zeros there, as in the base class
            whole = PixelBuffer.allocate(ceilDiv(request.width(), s), ceilDiv(request.height(), s), part.channels(), part.type());
            int dx = Math.min(whole.width() - part.width(), (cx0 - request.x()) / s);
            int dy = Math.min(whole.height() - part.height(), (cy0 - request.y()) / s);
            PixelBuffers.copy(part, 0, 0, whole, dx, dy, part.width(), part.height());
        }
        return PixelBuffers.resize(whole, request.outputWidth(), request.outputHeight());
    }

    /**
     * The subsampling step for a request: 1 (read through the strips) for small regions and
     * downsamples below 2; otherwise the smallest step that keeps the decoded image within
     * {@link #SUBSAMPLED_SAMPLES}, and never coarser than the downsample itself.
     */
    int subsampling(RegionRequest request) {
        long cw = Math.min(metadata.width(), (long) request.x() + request.width()) - Math.max(0, request.x());
        long ch = Math.min(metadata.height(), (long) request.y() + request.height()) - Math.max(0, request.y());
        if (cw <= 0 || ch <= 0 || request.downsample() < 2) {
            return 1;
        }
        int channels = metadata.channels();
        int s = 1;
        while ((long) ceilDiv(cw, s) * ceilDiv(ch, s) * channels > SUBSAMPLED_SAMPLES) {
            s++;
        }
        return Math.min(s, (int) Math.floor(request.downsample()));
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    /** Decodes a rectangle of the image, every {@code step}-th pixel; any decoder failure names the file. */
    private BufferedImage decode(Rectangle region, int step) throws IOException {
        DecodeWarnings warnings = new DecodeWarnings();
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, format, in);
            try {
                reader.addIIOReadWarningListener(warnings);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(region);
                param.setSourceSubsampling(step, step, 0, 0);
                image = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw BadInputException.forFile(file, "corrupt or truncated " + format.toUpperCase() + " data for a "
                    + metadata.width() + " x " + metadata.height() + " image (" + e.getMessage() + ")", e);
        }
        warnings.check(file, format);
        return image;
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
