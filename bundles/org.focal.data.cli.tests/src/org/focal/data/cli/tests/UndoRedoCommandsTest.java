package org.focal.data.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.ImagePlane;
import org.focal.store.ImageRecord;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.focal.store.json.GeometryJson;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code focal annotations undo|redo|history} on top of the store's per-image edit history. */
class UndoRedoCommandsTest extends CliTestBase {

    static Annotation box(double x, String label) {
        return Annotation.manual(AnnotationKind.BOX, GeometryJson.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + 10, 5, 15)),
                ImagePlane.DEFAULT, label, "ada");
    }

    int count(String image) {
        try (Store store = Services.await(StoreService.class).open(workspace())) {
            ImageRecord r = store.images("d").stream().filter(i -> i.name().equals(image)).findFirst().orElseThrow();
            return store.annotations(r.id()).size();
        }
    }

    @Test
    void undoRedoAndHistoryFromTheCommandLine() throws Exception {
        ok("dataset", "create", "d", "--task", "detection", "--labels", "cell,dust");
        Path images = Files.createDirectories(dir.resolve("imgs"));
        Files.copy(TestData.path("natural/ihc.png"), images.resolve("a.png"));
        Files.copy(TestData.path("natural/retina.jpg"), images.resolve("b.jpg"));
        ok("dataset", "import", "d", images.toString());
        refused("annotations", "undo", "d");
        long imageA;
        try (Store store = Services.await(StoreService.class).open(workspace())) {
            List<ImageRecord> all = store.images("d");
            imageA = all.stream().filter(i -> i.name().equals("a.png")).findFirst().orElseThrow().id();
            long imageB = all.stream().filter(i -> i.name().equals("b.jpg")).findFirst().orElseThrow().id();
            Annotation first = box(1, "cell");
            store.add(imageA, first);
            store.add(imageA, box(30, "dust"));
            store.update(imageA, first.corrected(first.geometry(), "dust", "bob"));
            store.add(imageB, box(2, "cell"));
        }
        assertEquals(2, count("a.png"));
        assertEquals(1, count("b.jpg"));

        // without --image: the image edited last (b.jpg)
        Result u = ok("annotations", "undo", "d");
        assertTrue(u.out().contains("'b.jpg'"), u.out());
        assertEquals(0, count("b.jpg"));
        refused("annotations", "undo", "d", "--image", "b.jpg");
        ok("annotations", "redo", "d");
        assertEquals(1, count("b.jpg"));

        // by image id: undo the relabel, then the second add
        ok("annotations", "undo", "d", "--image", Long.toString(imageA));
        ok("annotations", "undo", "d", "--image", "a.png");
        assertEquals(1, count("a.png"));
        JsonNode h = new ObjectMapper().readTree(ok("annotations", "history", "d", "--image", "a.png", "--json").out());
        assertEquals("a.png", h.get("image").asText());
        assertEquals(3, h.get("edits").size());
        assertEquals(List.of("add", "add", "update"), List.of(h.get("edits").get(0).get("action").asText(),
                h.get("edits").get(1).get("action").asText(), h.get("edits").get(2).get("action").asText()));
        assertEquals(List.of(false, true, true), List.of(h.get("edits").get(0).get("undone").asBoolean(),
                h.get("edits").get(1).get("undone").asBoolean(), h.get("edits").get(2).get("undone").asBoolean()));
        assertEquals("dust", h.get("edits").get(2).get("label").asText());
        ok("annotations", "redo", "d", "--image", "a.png");
        ok("annotations", "redo", "d", "--image", "a.png");
        assertEquals(2, count("a.png"));
        refused("annotations", "redo", "d", "--image", "a.png");
        Result text = ok("annotations", "history", "d", "--image", "a.png");
        assertEquals(3, text.out().lines().count(), text.out());

        refused("annotations", "history", "d", "--image", "nope.png");
        refused("annotations", "undo", "missing");
        Result usage = focal("annotations", "history", "d");
        assertEquals(2, usage.code(), usage.err());
    }
}
