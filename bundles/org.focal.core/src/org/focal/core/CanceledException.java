package org.focal.core;

/** Thrown by {@link ProgressMonitor#checkCanceled()} when the user stopped an operation. */
public final class CanceledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CanceledException() {
        super("operation canceled");
    }
}
