package org.focal.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.focal.core.ProgressMonitor;

/**
 * A progress bar for long CLI work, drawn on standard error (so standard output stays clean for
 * JSON), redrawn at most ten times a second. Ctrl-C cancels: the JVM's shutdown waits a few
 * seconds for the operation to notice {@link #isCanceled()} and stop cleanly (e.g. roll back).
 * Use one per operation, in try-with-resources.
 */
public final class ConsoleProgress implements ProgressMonitor, AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean draw;
    private final AtomicLong done = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread cancelOnInterrupt;
    private volatile boolean canceled;
    private volatile String task = "";
    private volatile long total = -1;
    private volatile long started;
    private long lastDraw;
    private boolean lineOpen;

    /** @param draw false to stay silent (e.g. when --json output is piped); cancellation still works */
    public ConsoleProgress(PrintWriter err, boolean draw) {
        this.err = err;
        this.draw = draw;
        this.cancelOnInterrupt = new Thread(() -> {
            canceled = true;
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "focal-cancel");
        try {
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    @Override
    public void begin(String taskName, long totalWork) {
        finishLine();
        task = taskName;
        total = totalWork;
        done.set(0);
        started = System.nanoTime();
        redraw(true);
    }

    @Override
    public void worked(long work) {
        done.addAndGet(work);
        redraw(false);
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    /** Asks the running operation to stop (as Ctrl-C does). */
    public void cancel() {
        canceled = true;
    }

    @Override
    public void done() {
        if (total > 0 && done.get() < total) {
            done.set(total); // show the bar full, even when the work was counted coarsely
        }
        redraw(true);
        finishLine();
    }

    /** Ends the bar's line, so that a message printed next starts on a fresh one. */
    public synchronized void finishLine() {
        if (draw && lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running and waits for us
        }
    }

    private synchronized void redraw(boolean force) {
        if (!draw) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(now));
        err.flush();
        lineOpen = true;
    }

    String line(long now) {
        long d = done.get();
        long t = total;
        double seconds = (now - started) / 1e9;
        if (t <= 0) {
            return String.format(Locale.ROOT, "%s %d done, %.0f s", task, d, seconds);
        }
        double fraction = Math.min(1, (double) d / t);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = d > 0 && d < t ? String.format(Locale.ROOT, ", %.0f s left", seconds / d * (t - d)) : "";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%d%s", task, "#".repeat(filled), " ".repeat(WIDTH - filled),
                fraction * 100, d, t, eta);
    }
}
