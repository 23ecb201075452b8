package org.focal.core;

import java.nio.file.Path;

/**
 * A user mistake or unusable input (wrong argument, corrupt file, unknown label). The message is
 * one line, meant to be shown as is; front ends show it without a stack trace and exit with code 2.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with one file: the message names the file first. */
    public static BadInputException forFile(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }

    public static BadInputException forFile(Path file, String problem, Throwable cause) {
        return new BadInputException(file + ": " + problem, cause);
    }
}
