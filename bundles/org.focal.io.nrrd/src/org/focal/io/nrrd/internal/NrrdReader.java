package org.focal.io.nrrd.internal;

import java.io.BufferedInputStream;
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

/** NRRD volumes and label maps: attached or detached header, raw, gzip or ASCII data. */
@Component(service = ImageReader.class, property = "focal.format=nrrd")
public final class NrrdReader implements ImageReader {

    private final TileCache cache;

    @Activate
    public NrrdReader(@Reference TileCache cache) {
        this.cache = cache;
    }

    @Override
    public String id() {
        return "nrrd";
    }

    @Override
    public String displayName() {
        return "NRRD (teem) volumes and label maps";
    }

    @Override
    public SupportLevel support(Path path) {
        if (!Files.isRegularFile(path)) {
            return SupportLevel.NONE;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return NrrdHeader.hasMagic(in.readNBytes(8)) ? SupportLevel.SPECIFIC : SupportLevel.NONE;
        } catch (IOException e) {
            return SupportLevel.NONE;
        }
    }

    @Override
    public ImageSource open(Path path, Map<String, String> options) throws IOException {
        NrrdHeader header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            header = NrrdHeader.read(path, in);
        }
        return new NrrdImageSource(path, header, cache);
    }
}
