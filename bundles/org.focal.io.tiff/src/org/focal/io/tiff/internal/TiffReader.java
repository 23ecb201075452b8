package org.focal.io.tiff.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.SupportLevel;
import org.focal.io.TileCache;
import org.focal.io.codecs.JpegDecoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Reader of TIFF and BigTIFF files: tiled or stripped, single images and pyramids (reduced
 * resolution pages or SubIFDs), Aperio SVS and OME-TIFF.
 */
@Component(service = ImageReader.class, property = "focal.format=tiff")
public final class TiffReader implements ImageReader {

    public static final String ID = "tiff";

    private final TileCache cache;
    private volatile JpegDecoder jpegDecoder;

    @Activate
    public TiffReader(@Reference TileCache cache) {
        this.cache = cache;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "TIFF, BigTIFF, Aperio SVS, OME-TIFF";
    }

    @Override
    public SupportLevel support(Path path) {
        try {
            if (path == null || !Files.isRegularFile(path)) {
                return SupportLevel.NONE;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer head = ByteBuffer.allocate(16);
                while (head.hasRemaining() && ch.read(head) > 0) {
                    // fill
                }
                TiffFile.Header h = TiffFile.header(head.array(), head.position());
                if (h == null) {
                    return SupportLevel.NONE;
                }
                String start = descriptionStart(ch, h, 4096);
                if (start != null && (AperioDescription.isAperio(start) || OmeXml.looksLikeOme(start))) {
                    return SupportLevel.SPECIFIC;
                }
                return SupportLevel.FULL;
            }
        } catch (IOException | RuntimeException e) {
            return SupportLevel.NONE;
        }
    }

    /** The first bytes of the first IFD's ImageDescription, with a handful of small reads; null if none. */
    static String descriptionStart(FileChannel ch, TiffFile.Header h, int max) throws IOException {
        long size = ch.size();
        boolean big = h.bigTiff();
        long offset = h.firstIfd();
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        if (offset < 8 || offset > size - countSize) {
            return null;
        }
        ByteBuffer cb = ByteBuffer.allocate(countSize).order(h.order());
        ch.read(cb, offset);
        long count = big ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (count <= 0 || count > 4096 || offset + countSize + count * entrySize > size) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (count * entrySize)).order(h.order());
        ch.read(b, offset + countSize);
        for (int i = 0; i < count; i++) {
            int p = i * entrySize;
            if ((b.getShort(p) & 0xFFFF) != Tags.IMAGE_DESCRIPTION) {
                continue;
            }
            long n = big ? b.getLong(p + 4) : b.getInt(p + 4) & 0xFFFFFFFFL;
            int len = (int) Math.max(0, Math.min(n, max));
            byte[] text = new byte[len];
            if (n <= (big ? 8 : 4)) {
                b.get(p + (big ? 12 : 8), text, 0, len);
            } else {
                long vo = big ? b.getLong(p + 12) : b.getInt(p + 8) & 0xFFFFFFFFL;
                if (vo < 0 || vo > size - len) {
                    return null;
                }
                ByteBuffer tb = ByteBuffer.wrap(text);
                ch.read(tb, vo);
            }
            return new String(text, StandardCharsets.UTF_8);
        }
        return null;
    }

    /**
     * The highest-ranked faster JPEG decoder (e.g. libjpeg-turbo), when one is registered; public
     * so that a plain class path (benchmarks) can set one too.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setJpegDecoder(JpegDecoder decoder) {
        jpegDecoder = decoder;
    }

    public void unsetJpegDecoder(JpegDecoder decoder) {
        if (jpegDecoder == decoder) {
            jpegDecoder = null;
        }
    }

    @Override
    public ImageSource open(Path path, Map<String, String> options) throws IOException {
        return TiffOpener.open(cache, path, options == null ? Map.of() : options, () -> jpegDecoder);
    }
}
