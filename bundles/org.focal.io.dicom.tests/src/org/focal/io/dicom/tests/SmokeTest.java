package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void readerIsRegistered() throws Exception {
        assertEquals("dicom", Dcm.reader().id());
    }
}
