package org.focal.pathology.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.pathology.model.ModelFile;
import org.focal.pathology.model.PathologyModel;
import org.focal.pathology.model.SlideLabels;
import org.focal.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file and the training table: round trips and one-line errors for bad files. */
class ModelFileTest {

    @TempDir
    Path dir;

    static PathologyModel model() {
        PathologyModel.AnalysisModel analysis = new PathologyModel.AnalysisModel(null, List.of("normal", "tumour"), 1,
                Map.of("fusion", "mean", "features", List.of("a")), "mean",
                new PathologyModel.SelectionState("ks", 0.05, new int[] {0}, List.of("a@mean"), new double[] {0.01}, false),
                new PathologyModel.ClassifierState("logistic", Map.of(), new byte[] {1, 2, 3, 0, -1}, Map.of()),
                Map.of("cv_auc", 0.9), Map.of("normal", 3, "tumour", 4));
        return new PathologyModel(PathologyModel.FORMAT, 1, 1, "2026-11-22T00:00:00Z", "0.1.0",
                new PathologyModel.Tiling(112, 20, 0.5, 0, 1, null), "ruifrok", "classical", List.of("a"), List.of("tile"),
                null, List.of(analysis));
    }

    @Test
    void roundTripKeepsClassifierBytes() throws Exception {
        Path f = dir.resolve("m.json");
        ModelFile.write(model(), f);
        PathologyModel back = ModelFile.read(f);
        assertEquals(List.of("normal", "tumour"), back.models().get(0).classes());
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 0, (byte) -1),
                toList(back.models().get(0).classifier().model()));
        assertEquals(0.9, back.models().get(0).metrics().get("cv_auc"));
    }

    @Test
    void badModelFilesAreRefusedWithTheirName() throws Exception {
        Path truncated = dir.resolve("truncated.json");
        ModelFile.write(model(), truncated);
        String text = Files.readString(truncated);
        Files.writeString(truncated, text.substring(0, text.length() / 2));
        assertMessage(truncated, "truncated.json");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\": \"coco\"}");
        assertMessage(other, "not a Focal pathology model");
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertMessage(newer, "newer");
        assertMessage(dir.resolve("missing.json"), "no such");
    }

    @Test
    void labelTableErrorsNameFileAndLine() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "path,label\n" + TestData.path("pathology/lc25000-lung/lung_n/lungn100.jpeg") + ",normal\n"
                + "missing.jpeg,tumour\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SlideLabels.read(csv, "label", null));
        assertTrue(e.getMessage().contains("labels.csv") && e.getMessage().contains("line 3"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> SlideLabels.read(csv, "class", null));
        assertTrue(e.getMessage().contains("'class'"), e.getMessage());
        Files.writeString(csv, "path,label\n\"" + TestData.path("pathology/lc25000-lung/lung_n/lungn100.jpeg") + "\",\"a, b\"\n");
        assertEquals("a, b", SlideLabels.read(csv, "label", null).get(0).label());
    }

    private static void assertMessage(Path file, String part) {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains(file.getFileName().toString())
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static List<Byte> toList(byte[] b) {
        Byte[] boxed = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            boxed[i] = b[i];
        }
        return List.of(boxed);
    }
}
