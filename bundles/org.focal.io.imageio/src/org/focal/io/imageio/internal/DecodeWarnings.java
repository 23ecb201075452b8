package org.focal.io.imageio.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

import org.focal.core.BadInputException;

/**
 * Collects a decoder's warnings. The JDK's JPEG decoder only warns about a file that ends early and
 * fills the missing rows with grey; such data is refused here instead of shown as an image.
 * Harmless warnings (a missing end marker after complete data, extraneous bytes, ...) are ignored.
 */
final class DecodeWarnings implements IIOReadWarningListener {

    private final List<String> truncation = new ArrayList<>();

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        // "Missing EOI marker" alone means only the end marker is gone and every pixel was decoded
        if (w.contains("premature end")) {
            truncation.add(warning.strip());
        }
    }

    /** Fails when the decoder reported truncated data. */
    void check(Path file, String format) {
        if (!truncation.isEmpty()) {
            throw BadInputException.forFile(file, "truncated " + format.toUpperCase(Locale.ROOT)
                    + " data: the file ends before the image does (" + String.join("; ", truncation) + ")");
        }
    }
}
