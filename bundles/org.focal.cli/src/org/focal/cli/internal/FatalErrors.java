package org.focal.cli.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * One-line reports of Java {@link Error}s (out of memory, stack overflow, ...) that end a command.
 * picocli's execution handler only sees Exceptions and Equinox's application container swallows
 * Errors with exit code 0, so without this an out-of-memory run ended silently "successfully".
 */
final class FatalErrors {

    private FatalErrors() {
    }

    /** The first Error in the cause chain (an Error on a worker thread arrives wrapped), or null. */
    static Error find(Throwable t) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable e = t; e != null && seen.add(e); e = e.getCause()) {
            if (e instanceof Error error) {
                return error;
            }
        }
        return null;
    }

    /** "focal: out of memory while running 'region' (heap 512 MB); ...": what ran out and what to do. */
    static String line(Error error, String command) {
        String running = " while running '" + command + "'";
        String detail = oneLine(error.getMessage());
        if (error instanceof OutOfMemoryError) {
            long heapMb = Runtime.getRuntime().maxMemory() >> 20;
            if (detail.contains("Metaspace")) {
                return "focal: out of class memory (Metaspace)" + running + "; raise it with FOCAL_JAVA_OPTS=-XX:MaxMetaspaceSize=1g";
            }
            if (detail.contains("native thread")) {
                return "focal: the system could not start another thread" + running
                        + "; close other programs or raise the process limit (ulimit -u)";
            }
            if (detail.contains("Direct buffer")) {
                return "focal: out of direct (off-heap) memory" + running
                        + "; give Java more with FOCAL_JAVA_OPTS=-XX:MaxDirectMemorySize=2g";
            }
            long suggestGb = Math.max(4, 2 * ((heapMb + 1023) >> 10));
            return "focal: out of memory" + running + " (heap " + heapMb + " MB" + (detail.isEmpty() ? "" : ", " + detail)
                    + "); give Java more memory with FOCAL_JAVA_OPTS=-Xmx" + suggestGb
                    + "g or ask for less at once (a smaller region, image or file)";
        }
        if (error instanceof StackOverflowError) {
            return "focal: stack overflow" + running + "; the input is nested too deeply, or give Java a larger stack with "
                    + "FOCAL_JAVA_OPTS=-Xss16m";
        }
        return "focal: fatal Java error" + running + ": " + error.getClass().getName()
                + (detail.isEmpty() ? "" : ": " + detail) + "; the installation may be broken, please report it";
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
