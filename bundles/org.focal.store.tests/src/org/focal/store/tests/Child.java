package org.focal.store.tests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An {@link ImportChild} JVM with its output lines, killed with SIGKILL when a line says so. */
final class Child {

    final Process process;
    final List<String> lines = new ArrayList<>();

    private Child(Process process) {
        this.process = process;
    }

    static Child start(Path ws, String dataset, int images, int perImage) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Child(new ProcessBuilder(java, "-Xmx512m", "-cp", KillTest.classPath(), ImportChild.class.getName(),
                ws.toString(), dataset, Integer.toString(images), Integer.toString(perImage)).redirectErrorStream(true).start());
    }

    /** Reads lines until {@code killAt} accepts one (then SIGKILL) or the output ends; returns the last line. */
    String killWhen(Predicate<String> killAt) throws Exception {
        String last = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line; (line = r.readLine()) != null;) {
            lines.add(line);
            last = line;
            if (killAt.test(line)) {
                process.destroyForcibly(); // SIGKILL on Linux
                break;
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not end: " + lines);
        }
        return last;
    }

    static long progress(String line) {
        return line.startsWith("P ") ? Long.parseLong(line.substring(2)) : -1;
    }
}
