package org.focal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs independent reference tools (dcmtk, openslide, vips, Debian's python3 with numpy) from
 * tests. Debian's interpreter is used on purpose: its numpy/openslide/skimage packages are there.
 */
public final class Tools {

    /** Debian's python3, which has python3-numpy, python3-openslide and python3-skimage. */
    public static final String PYTHON = "/usr/bin/python3";

    private Tools() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    /** Whether a program is on the PATH (or an absolute path that exists). */
    public static boolean available(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, failing the test when it does not finish in two minutes. */
    public static Result run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Path out = Files.createTempFile("focal-tool", ".out");
            Path err = Files.createTempFile("focal-tool", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a command that must succeed and returns its standard output. */
    public static String output(String... command) {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.err());
        }
        return r.out();
    }

    /** Runs a Python program with Debian's interpreter; arguments follow the script. */
    public static String python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        return output(command.toArray(String[]::new));
    }
}
