package org.focal.data.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;

import org.focal.core.ProgressMonitor;

/**
 * A one-line text progress bar for the command line, redrawn in place with carriage returns on
 * standard error (never on standard output, so {@code --json} output stays clean). It redraws only
 * when the shown percentage changes. Disabled, it prints nothing.
 */
public final class TextProgress implements ProgressMonitor {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private String task = "";
    private long total;
    private long done;
    private int shown = -1;
    private boolean open;

    public TextProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void begin(String taskName, long totalWork) {
        finishLine();
        task = taskName;
        total = totalWork;
        done = 0;
        shown = -1;
        draw();
    }

    @Override
    public void worked(long work) {
        done += work;
        draw();
    }

    @Override
    public boolean isCanceled() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void done() {
        if (total > 0 && done < total) {
            done = total;
            draw();
        }
        finishLine();
    }

    /** Ends the bar's line so that the next message starts on a fresh one. */
    public void finishLine() {
        if (enabled && open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    private void draw() {
        if (!enabled) {
            return;
        }
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        if (percent == shown && open) {
            return;
        }
        shown = percent;
        String line;
        if (total > 0) {
            int filled = percent * WIDTH / 100;
            line = String.format(Locale.ROOT, "\r%s [%s%s] %3d%% (%d/%d)", task, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), percent, done, total);
        } else {
            line = "\r" + task + " (" + done + ")";
        }
        err.print(line);
        err.flush();
        open = true;
    }
}
