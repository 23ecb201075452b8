package org.focal.pathology.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.pathology.model.SlideLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideLabelsTest {

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        Files.write(dir.resolve("a.png"), new byte[] {1});
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "path,label\na.png,tumour\n".getBytes(StandardCharsets.UTF_8);
        byte[] csv = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, csv, 0, bom.length);
        System.arraycopy(text, 0, csv, bom.length, text.length);
        Path file = Files.write(dir.resolve("labels.csv"), csv);
        List<SlideLabels.Entry> entries = SlideLabels.read(file, "label", null);
        assertEquals(1, entries.size());
        assertEquals("tumour", entries.get(0).label());
        assertEquals(dir.resolve("a.png").toAbsolutePath().normalize(), entries.get(0).slide());
    }
}
