package org.focal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.focal.core.CanceledException;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void barShowsFractionCountAndEndsWithANewLine() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true)) {
            p.begin("import", 10);
            p.worked(5);
            String line = p.line(System.nanoTime());
            assertTrue(line.startsWith("import [###############               ]  50% 5/10"), line);
            p.done();
        }
        assertTrue(text.toString().endsWith(System.lineSeparator()));
        assertTrue(text.toString().contains("\rimport ["));
    }

    @Test
    void silentMonitorStillCancels() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false)) {
            p.begin("export", -1);
            assertFalse(p.isCanceled());
            p.cancel();
            assertThrows(CanceledException.class, p::checkCanceled);
            p.done();
        }
        assertEquals("", text.toString());
    }
}
