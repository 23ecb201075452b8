package org.focal.core;

/**
 * A short, printable quote of text taken from an input file, for one-line error messages: a
 * corrupt file can hold 64 KB in one field, or control characters that garble the terminal.
 */
public final class Excerpt {

    /** Characters of the input kept in a message. */
    public static final int MAX = 60;

    private Excerpt() {
    }

    /**
     * At most {@link #MAX} characters of {@code text}, control, format and unassigned characters
     * written as {@code \n}, {@code \xNN} or {@code \}{@code uNNNN}, and "... (N characters)" when cut.
     */
    public static String of(String text) {
        return of(text, MAX);
    }

    /**
     * A library's error message that may quote the input (a parser's, an enum's): escaped like
     * {@link #of(String)}, at most 200 characters.
     */
    public static String message(String text) {
        return of(text, 200);
    }

    private static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int n = Math.min(text.length(), max);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (c > 0x7e && !printable(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (text.length() > max) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static boolean printable(char c) {
        int type = Character.getType(c);
        return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** {@link #of(String)} in single quotes. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }
}
