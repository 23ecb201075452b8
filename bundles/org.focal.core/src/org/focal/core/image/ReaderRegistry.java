package org.focal.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.focal.core.plugin.PluginRegistry;

/** The installed image readers and the choice among them. */
public interface ReaderRegistry extends PluginRegistry<ImageReader> {

    /** The reader with the highest support level for the path, if any supports it. */
    Optional<ImageReader> bestFor(Path path);

    /** Opens the path with the best reader; {@link org.focal.core.BadInputException} when none can. */
    ImageSource open(Path path) throws IOException;
}
