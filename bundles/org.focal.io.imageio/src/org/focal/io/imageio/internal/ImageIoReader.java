package org.focal.io.imageio.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.SupportLevel;
import org.focal.io.TileCache;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Ordinary images (PNG, JPEG, GIF, BMP) through the JDK's ImageIO decoders. */
@Component(service = ImageReader.class, property = "focal.format=imageio")
public final class ImageIoReader implements ImageReader {

    /** Format names by leading bytes; recognised by content, not by extension. */
    static String formatOf(byte[] head) {
        if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "png";
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
            return "gif";
        }
        if (head.length >= 2 && head[0] == 'B' && head[1] == 'M') {
            return "bmp";
        }
        return null;
    }

    private final TileCache cache;

    @Activate
    public ImageIoReader(@Reference TileCache cache) {
        this.cache = cache;
    }

    @Override
    public String id() {
        return "imageio";
    }

    @Override
    public String displayName() {
        return "PNG, JPEG, GIF and BMP images";
    }

    @Override
    public SupportLevel support(Path path) {
        if (!Files.isRegularFile(path)) {
            return SupportLevel.NONE;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return formatOf(in.readNBytes(8)) != null ? SupportLevel.FULL : SupportLevel.NONE;
        } catch (IOException e) {
            return SupportLevel.NONE;
        }
    }

    @Override
    public ImageSource open(Path path, Map<String, String> options) throws IOException {
        return ImageIoSource.open(path, cache);
    }
}
