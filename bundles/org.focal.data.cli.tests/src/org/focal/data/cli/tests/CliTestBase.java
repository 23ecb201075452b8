package org.focal.data.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.focal.cli.FocalCli;
import org.focal.testing.Services;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code focal} commands through the CLI service on a workspace in a temporary folder. */
abstract class CliTestBase {

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    Path workspace() {
        return dir.resolve("ws");
    }

    Result focal(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workspace", workspace().toString(), "--no-progress"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Services.await(FocalCli.class).execute(all, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    Result ok(String... args) {
        Result r = focal(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err() + r.out());
        return r;
    }

    /** A refused command: exit code 2 and one line {@code focal: ...} without a stack trace; returns that line. */
    String refused(String... args) {
        Result r = focal(args);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err() + r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("focal: ") && !r.err().contains("Exception"), r.err());
        return r.err();
    }
}
