package org.focal.core.dataset;

import java.util.regex.Pattern;

/**
 * One class of a label set, with its display colour ({@code #rrggbb}) and the digit key that
 * assigns it in the workbench (1-9, 0 for none).
 */
public record Label(String name, String color, int hotkey) {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Label {
        if (name == null || name.isBlank() || !name.strip().equals(name)) {
            throw new IllegalArgumentException("label name must be non-blank without surrounding spaces: '" + name + "'");
        }
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("label colour must be #rrggbb, was '" + color + "'");
        }
        if (hotkey < 0 || hotkey > 9) {
            throw new IllegalArgumentException("hotkey must be a digit 0-9, was " + hotkey);
        }
    }
}
