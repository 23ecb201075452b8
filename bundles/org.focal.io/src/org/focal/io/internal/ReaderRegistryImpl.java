package org.focal.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.SupportLevel;
import org.focal.core.plugin.AbstractPluginRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Picks the reader that rates a file highest; readers come and go with their bundles. */
@Component(service = ReaderRegistry.class)
public final class ReaderRegistryImpl extends AbstractPluginRegistry<ImageReader> implements ReaderRegistry {

    public ReaderRegistryImpl() {
        super("image reader");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(ImageReader reader) {
        register(reader);
    }

    void removeReader(ImageReader reader) {
        unregister(reader);
    }

    @Override
    public Optional<ImageReader> bestFor(Path path) {
        ImageReader best = null;
        SupportLevel bestLevel = SupportLevel.NONE;
        for (ImageReader reader : all()) {
            SupportLevel level;
            try {
                level = reader.support(path);
            } catch (RuntimeException e) {
                level = SupportLevel.NONE; // a reader that cannot even look at the file does not get it
            }
            if (level.compareTo(bestLevel) > 0) {
                best = reader;
                bestLevel = level;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public ImageSource open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw BadInputException.forFile(path, "no such file or folder");
        }
        if (!Files.isReadable(path)) {
            throw BadInputException.forFile(path, "not readable");
        }
        ImageReader reader = bestFor(path).orElseThrow(() -> BadInputException.forFile(path,
                "not an image format Focal reads" + describe(path)));
        return reader.open(path, java.util.Map.of());
    }

    /** A hint for the error message: size and first bytes of the file. */
    private static String describe(Path path) {
        if (Files.isDirectory(path)) {
            return " (a folder without a readable DICOM series)";
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(8);
            return " (" + Files.size(path) + " bytes, starting " + HexFormat.ofDelimiter(" ").formatHex(head) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
