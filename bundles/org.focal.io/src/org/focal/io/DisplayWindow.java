package org.focal.io;

import org.focal.core.BadInputException;

/** A display window in real (rescaled) units: values from center - width/2 to center + width/2 map to black..white. */
public record DisplayWindow(double center, double width) {

    public DisplayWindow {
        if (!Double.isFinite(center) || !(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("window needs a finite centre and a positive width");
        }
    }

    /** Parses the CLI form {@code CENTER,WIDTH}, e.g. {@code 40,400} for a CT soft-tissue window. */
    public static DisplayWindow parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length == 2) {
            try {
                double c = Double.parseDouble(parts[0].strip());
                double w = Double.parseDouble(parts[1].strip());
                if (Double.isFinite(c) && w > 0 && Double.isFinite(w)) {
                    return new DisplayWindow(c, w);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadInputException("window must be CENTER,WIDTH with a positive width, e.g. 40,400; was '" + text + "'");
    }
}
