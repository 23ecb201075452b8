package org.focal.pathology.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.focal.core.CanceledException;
import org.focal.core.ProgressMonitor;

/**
 * Runs one task per tile on a fixed pool of daemon threads and hands the results back in tile
 * order. Each task reads its own pixels, so only results (not pixels) accumulate: memory stays
 * bounded by the thread count times one tile whatever the slide size.
 */
public final class ParallelTiles {

    /** Work done for one tile; may read pixels and throw I/O errors. */
    @FunctionalInterface
    public interface TileTask<T, R> {
        R run(T tile) throws IOException;
    }

    private ParallelTiles() {
    }

    /**
     * Applies {@code task} to every tile with {@code threads} workers, one progress unit per tile
     * (the caller has called {@code monitor.begin}). Stops early when the monitor is cancelled.
     */
    public static <T, R> List<R> map(List<T> tiles, int threads, ProgressMonitor monitor, TileTask<T, R> task)
            throws IOException {
        if (tiles.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tiles.size())), r -> {
            Thread t = new Thread(r, "focal-tiles");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(tiles.size());
            for (T tile : tiles) {
                futures.add(pool.submit(() -> {
                    if (monitor.isCanceled()) {
                        throw new CanceledException();
                    }
                    R result = task.run(tile);
                    synchronized (monitor) {
                        monitor.worked(1);
                    }
                    return result;
                }));
            }
            List<R> results = new ArrayList<>(tiles.size());
            for (Future<R> f : futures) {
                if (monitor.isCanceled()) {
                    throw new CanceledException();
                }
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CanceledException();
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
