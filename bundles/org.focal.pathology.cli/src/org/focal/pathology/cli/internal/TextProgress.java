package org.focal.pathology.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.focal.core.ProgressMonitor;

/**
 * A one-line text progress bar on the error stream, redrawn in place. Ctrl-C ends the process;
 * outputs are written to a temporary file and moved in place only when complete.
 */
final class TextProgress implements ProgressMonitor {

    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final AtomicBoolean canceled = new AtomicBoolean();
    private String task = "";
    private long total;
    private long done;
    private int lastDrawn = -1;

    TextProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void begin(String name, long totalWork) {
        task = name;
        total = totalWork;
        done = 0;
        lastDrawn = -1;
        draw();
    }

    @Override
    public synchronized void worked(long work) {
        done += work;
        draw();
    }

    @Override
    public boolean isCanceled() {
        return canceled.get();
    }

    void cancel() {
        canceled.set(true);
    }

    @Override
    public synchronized void done() {
        if (lastDrawn >= 0) {
            err.print("\r" + " ".repeat(task.length() + WIDTH + 24) + "\r");
            err.flush();
        }
    }

    private void draw() {
        if (total <= 1) {
            return; // a single tile finishes before a bar would help
        }
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        int percent = (int) (100 * Math.min(done, total) / total);
        if (percent == lastDrawn) {
            return;
        }
        lastDrawn = percent;
        err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " tiles");
        err.flush();
    }
}
