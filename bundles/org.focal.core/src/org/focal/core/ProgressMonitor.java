package org.focal.core;

/**
 * Progress and cancellation for every long operation. The CLI draws it as a progress bar, the
 * workbench as a Job; algorithms only report work and poll {@link #isCanceled()}.
 */
public interface ProgressMonitor {

    /** A monitor that shows nothing and is never cancelled. */
    ProgressMonitor NULL = new ProgressMonitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void done() {
        }
    };

    /** Starts a task of {@code totalWork} units; a negative total means "unknown". */
    void begin(String task, long totalWork);

    void worked(long work);

    boolean isCanceled();

    void done();

    /** Throws {@link CanceledException} when the user asked to stop; call it between units of work. */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CanceledException();
        }
    }
}
