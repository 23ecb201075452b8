package org.focal.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Exporter;
import org.focal.core.export.Importer;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {

    @TempDir
    Path dir;

    @Test
    void everyFormatIsAService() {
        for (String id : List.of("coco", "voc", "geojson", "focal-json", "focal-xml")) {
            assertEquals(id, Services.await(Exporter.class, "(focal.format=" + id + ")").id());
        }
        for (String id : List.of("coco", "voc", "geojson", "focal-json", "focal-xml", "aperio-xml", "nrrd-labels", "dicom-seg")) {
            assertEquals(id, Services.await(Importer.class, "(focal.format=" + id + ")").id());
        }
    }

    @Test
    void badFilesAreOneLineNamingTheFile() throws Exception {
        Path json = Files.writeString(dir.resolve("broken.json"), "{\"images\": [");
        Path notCoco = Files.writeString(dir.resolve("other.json"), "{\"type\": \"FeatureCollection\"}");
        Path xml = Files.writeString(dir.resolve("a.xml"), "<annotation><object>");
        Path wrongRoot = Files.writeString(dir.resolve("b.xml"), "<Annotations/>");
        List<Runnable> cases = List.of(
                () -> call(() -> CocoFormat.read(json, ProgressMonitor.NULL)),
                () -> call(() -> CocoFormat.read(notCoco, ProgressMonitor.NULL)),
                () -> call(() -> VocFormat.read(xml, ProgressMonitor.NULL)),
                () -> call(() -> VocFormat.read(wrongRoot, ProgressMonitor.NULL)),
                () -> call(() -> AperioXmlFormat.read(xml, ProgressMonitor.NULL)),
                () -> call(() -> GeoJsonFormat.read(notCoco.resolveSibling("missing.geojson"), ProgressMonitor.NULL)),
                () -> call(() -> FocalJsonFormat.read(notCoco, ProgressMonitor.NULL)),
                () -> call(() -> FocalXmlFormat.read(xml, ProgressMonitor.NULL)),
                () -> call(() -> FocalXmlFormat.read(wrongRoot, ProgressMonitor.NULL)),
                () -> call(() -> org.focal.io.dicom.seg.DicomSeg.read(json)));
        for (Runnable c : cases) {
            BadInputException e = assertThrows(BadInputException.class, c::run);
            assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    interface Call {
        Object run() throws Exception;
    }

    static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cocoKeepsPredictionsAndImageLabels() throws Exception {
        Annotation box = Annotation.predicted(AnnotationKind.BOX, Formats.box(10, 20, 30.5, 60), ImagePlane.DEFAULT, "cat",
                AnnotationSource.model("det", 2), 0.75);
        Annotation polygon = Annotation.manual(AnnotationKind.POLYGON, Formats.box(1, 1, 5, 5).buffer(3), ImagePlane.DEFAULT, "dog", "me");
        Annotation label = Annotation.predicted(AnnotationKind.IMAGE_LABEL, null, ImagePlane.DEFAULT, "dog",
                AnnotationSource.model("cls", 1), 0.9);
        DatasetContent c = new DatasetContent(new Dataset("d", "", Task.DETECTION, LabelSet.ofNames(List.of("cat", "dog")), null),
                List.of(new DatasetContent.Image("7", "x.png", 100, 80, 1, java.util.Map.of(), List.of(box, polygon, label))));
        Path out = dir.resolve("c.json");
        CocoFormat.export(c, out, ProgressMonitor.NULL);
        var root = Formats.JSON.readTree(out.toFile());
        assertEquals(7, root.get("images").get(0).get("id").asInt());
        assertEquals(0.75, root.get("annotations").get(0).get("score").asDouble());
        assertEquals("predicted", root.get("annotations").get(0).get("state").asText());
        assertEquals("predicted", root.get("image_labels").get(0).get("state").asText());
        assertEquals(2, root.get("image_labels").get(0).get("category_id").asInt());
        DatasetContent back = CocoFormat.read(out, ProgressMonitor.NULL);
        List<Annotation> as = back.images().get(0).annotations();
        assertEquals(3, as.size());
        assertEquals(AnnotationKind.BOX, as.get(0).kind());
        assertTrue(as.get(0).geometry().equalsExact(box.geometry()));
        assertEquals(AnnotationSource.model("det", 2), as.get(0).source());
        assertEquals(AnnotationKind.POLYGON, as.get(1).kind());
        assertEquals(AnnotationKind.IMAGE_LABEL, as.get(2).kind());
        assertEquals(0.9, as.get(2).confidence());
    }
}
