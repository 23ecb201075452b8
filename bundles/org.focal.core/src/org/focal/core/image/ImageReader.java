package org.focal.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.focal.core.plugin.FocalPlugin;

/**
 * Reader of one family of image formats, registered as a DS service. {@link #support(Path)} looks
 * at the content (magic numbers, headers), not only at the file name.
 */
public interface ImageReader extends FocalPlugin {

    /** How well this reader handles the file or folder; must be cheap and must not throw. */
    SupportLevel support(Path path);

    ImageSource open(Path path, Map<String, String> options) throws IOException;
}
