package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Broken OME-XML in a TIFF description is an exception for the caller, not a stray line on standard error. */
class OmeXmlErrorsTest {

    @Test
    void malformedOmeXmlPrintsNothing() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThrows(Exception.class, () -> OmeXml.parse("not xml <OME"));
            assertThrows(Exception.class, () -> OmeXml.parse("<OME><Image></OME>"));
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
