package org.focal.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.DatasetStats;
import org.focal.store.ImageRecord;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.focal.store.json.GeometryJson;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

class StoreTest {

    @TempDir
    Path ws;

    static Store open(Path ws) {
        return Services.await(StoreService.class).open(ws);
    }

    static Dataset dataset(String name) {
        return new Dataset(name, "test", Task.SEGMENTATION, LabelSet.ofNames(List.of("tumor", "stroma")), null);
    }

    static Polygon square(double x, double y, double s) {
        return GeometryJson.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + s, y),
            new Coordinate(x + s, y + s), new Coordinate(x, y + s), new Coordinate(x, y)});
    }

    static Annotation polygon(double x, double y, double s, String label) {
        return Annotation.manual(AnnotationKind.POLYGON, square(x, y, s), ImagePlane.DEFAULT, label, "tester");
    }

    @Test
    void datasetsPersistAcrossReopenWithSchemaVersion() {
        try (Store s = open(ws)) {
            assertEquals(3, s.schemaVersion());
            s.createDataset(dataset("a"));
            s.createDataset(dataset("b"));
            assertThrows(BadInputException.class, () -> s.createDataset(dataset("a")));
            assertThrows(BadInputException.class, () -> s.createDataset(dataset("bad/name")));
            s.renameDataset("b", "c");
            assertThrows(BadInputException.class, () -> s.renameDataset("a", "c"));
        }
        assertTrue(Files.exists(ws.resolve("focal-store.mv.db")));
        try (Store s = open(ws)) {
            assertEquals(List.of("a", "c"), s.datasets().stream().map(d -> d.name()).toList());
            assertEquals(List.of("tumor", "stroma"), s.dataset("a").dataset().labels().labels().stream().map(l -> l.name()).toList());
            s.deleteDataset("a");
            assertTrue(s.findDataset("a").isEmpty());
            BadInputException e = assertThrows(BadInputException.class, () -> s.dataset("zzz"));
            assertTrue(e.getMessage().contains("zzz"));
        }
    }

    @Test
    void anImportCommitsWholeOrNotAtAll() {
        try (Store s = open(ws)) {
            s.createDataset(dataset("d"));
            s.addImages("d", List.of(new NewImage("a.png", null, false, 10, 10, 1)), ProgressMonitor.NULL);
            List<NewImage> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(new NewImage("img" + i + ".png", null, false, 10, 10, 1));
            }
            batch.add(new NewImage("a.png", null, false, 10, 10, 1)); // clashes: whole batch refused
            assertThrows(BadInputException.class, () -> s.addImages("d", batch, ProgressMonitor.NULL));
            assertEquals(1, s.images("d").size());
            // a failure in the middle of an annotation import (cancel) leaves nothing behind
            List<Annotation> many = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                many.add(polygon(i, i, 5, "tumor"));
            }
            DatasetContent content = new DatasetContent(dataset("x"), List.of(
                    new DatasetContent.Image("new1.png", 10, 10, many), new DatasetContent.Image("new2.png", 10, 10, many)));
            ProgressMonitor cancelLate = new ProgressMonitor() {
                long done;

                @Override
                public void begin(String task, long total) {
                }

                @Override
                public void worked(long work) {
                    done += work;
                }

                @Override
                public boolean isCanceled() {
                    return done > 3500;
                }

                @Override
                public void done() {
                }
            };
            assertThrows(org.focal.core.CanceledException.class, () -> s.importContent("d", content, cancelLate));
            assertEquals(1, s.images("d").size());
            assertEquals(0, s.stats("d").annotations());
        }
    }

    @Test
    void regionQueryFindsExactlyTheIntersectingBoxes() {
        Random r = new Random(7);
        try (Store s = open(ws)) {
            s.createDataset(dataset("d"));
            ImageRecord img = s.addImages("d", List.of(new NewImage("big.svs", null, false, 50000, 50000, 1)), ProgressMonitor.NULL).get(0);
            ImageRecord other = s.addImages("d", List.of(new NewImage("other.svs", null, false, 50000, 50000, 1)), ProgressMonitor.NULL).get(0);
            List<Annotation> all = new ArrayList<>();
            for (int i = 0; i < 20000; i++) {
                all.add(polygon(r.nextDouble() * 49000, r.nextDouble() * 49000, 5 + r.nextDouble() * 30, i % 3 == 0 ? "stroma" : "tumor"));
            }
            s.addAll(img.id(), all, ProgressMonitor.NULL);
            s.addAll(other.id(), all.subList(0, 100).stream().map(a -> new Annotation(UUID.randomUUID(), a.kind(), a.geometry(),
                    a.plane(), a.label(), a.source(), a.author(), a.confidence(), a.state(), a.created(), a.modified())).toList(),
                    ProgressMonitor.NULL);
            for (int q = 0; q < 20; q++) {
                double x = r.nextDouble() * 45000;
                double y = r.nextDouble() * 45000;
                Envelope w = new Envelope(x, x + 2000, y, y + 2000);
                Set<UUID> expected = all.stream().filter(a -> a.geometry().getEnvelopeInternal().intersects(w))
                        .map(Annotation::id).collect(Collectors.toSet());
                Set<UUID> got = s.annotationsIn(img.id(), ImagePlane.DEFAULT, w).stream().map(Annotation::id).collect(Collectors.toSet());
                assertEquals(expected, got, "window " + w);
            }
            assertTrue(s.annotationsIn(img.id(), new ImagePlane(1, 0), new Envelope(0, 50000, 0, 50000)).isEmpty());
        }
    }

    @Test
    void annotationsRoundTripExactly() {
        try (Store s = open(ws)) {
            s.createDataset(dataset("d"));
            long id = s.addImages("d", List.of(new NewImage("a.png", null, false, 100, 100, 1)), ProgressMonitor.NULL).get(0).id();
            Instant t0 = Instant.parse("2024-01-02T03:04:05.123456789Z");
            Annotation predicted = new Annotation(UUID.randomUUID(), AnnotationKind.POLYGON, square(0.1, 1.0 / 3, Math.PI),
                    new ImagePlane(2, 1), "tumor", AnnotationSource.model("unet", 4), null, 0.8125, ReviewState.PREDICTED, t0, t0);
            Annotation label = new Annotation(UUID.randomUUID(), AnnotationKind.IMAGE_LABEL, null, ImagePlane.DEFAULT,
                    "stroma", AnnotationSource.MANUAL, "ann", Double.NaN, ReviewState.ACCEPTED, t0, t0.plusSeconds(1));
            s.addAll(id, List.of(predicted, label), ProgressMonitor.NULL);
            List<Annotation> back = s.annotations(id);
            assertEquals(2, back.size());
            Annotation p = back.stream().filter(a -> a.id().equals(predicted.id())).findFirst().orElseThrow();
            assertTrue(p.geometry().equalsExact(predicted.geometry()));
            assertEquals(predicted.withState(ReviewState.PREDICTED, null).label(), p.label());
            assertEquals(predicted.source(), p.source());
            assertEquals(predicted.confidence(), p.confidence());
            assertEquals(predicted.plane(), p.plane());
            assertEquals(predicted.created(), p.created());
            Annotation l = back.stream().filter(a -> a.id().equals(label.id())).findFirst().orElseThrow();
            assertTrue(Double.isNaN(l.confidence()));
            assertEquals(label.modified(), l.modified());
            assertEquals("ann", l.author());
        }
    }

    @Test
    void undoAndRedoReplayEdits() {
        try (Store s = open(ws)) {
            s.createDataset(dataset("d"));
            long id = s.addImages("d", List.of(new NewImage("a.png", null, false, 100, 100, 1)), ProgressMonitor.NULL).get(0).id();
            Annotation a = polygon(1, 1, 10, "tumor");
            s.add(id, a);
            Annotation moved = a.corrected(square(5, 5, 10), "stroma", "bob");
            s.update(id, moved);
            Annotation b = polygon(50, 50, 5, "tumor");
            s.add(id, b);
            s.delete(id, a.id());
            assertEquals(List.of(b.id()), s.annotations(id).stream().map(Annotation::id).toList());
            assertTrue(s.undo(id)); // delete undone
            assertEquals("stroma", find(s, id, a.id()).label());
            assertTrue(s.undo(id)); // add b undone
            assertTrue(s.annotations(id).stream().noneMatch(x -> x.id().equals(b.id())));
            assertTrue(s.undo(id)); // update undone
            assertEquals("tumor", find(s, id, a.id()).label());
            assertTrue(s.redo(id)); // update again
            assertEquals("stroma", find(s, id, a.id()).label());
            assertTrue(s.undo(id));
            assertTrue(s.undo(id)); // add a undone
            assertTrue(s.annotations(id).isEmpty());
            assertFalse(s.undo(id));
            assertTrue(s.redo(id));
            assertEquals(1, s.annotations(id).size());
            s.add(id, polygon(70, 70, 3, "tumor")); // a new edit clears the redo list
            assertFalse(s.redo(id));
        }
    }

    private static Annotation find(Store s, long image, UUID id) {
        return s.annotations(image).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void statsCountLabelsStatesAndTime() throws Exception {
        try (Store s = open(ws)) {
            s.createDataset(dataset("d"));
            List<ImageRecord> imgs = s.addImages("d", List.of(new NewImage("a.png", null, false, 100, 100, 1),
                    new NewImage("b.png", null, false, 100, 100, 1), new NewImage("c.png", null, false, 100, 100, 1)), ProgressMonitor.NULL);
            s.addAll(imgs.get(0).id(), List.of(polygon(1, 1, 2, "tumor"), polygon(1, 1, 2, "tumor"), polygon(1, 1, 2, "stroma")),
                    ProgressMonitor.NULL);
            s.addAll(imgs.get(1).id(), List.of(Annotation.predicted(AnnotationKind.POLYGON, square(1, 1, 3), ImagePlane.DEFAULT,
                    "tumor", AnnotationSource.model("m", 1), 0.5)), ProgressMonitor.NULL);
            long session = s.startSession(imgs.get(0).id(), "alice");
            Thread.sleep(1100);
            s.endSession(session);
            assertThrows(BadInputException.class, () -> s.endSession(session));
            DatasetStats st = s.stats("d");
            assertEquals(3, st.images());
            assertEquals(2, st.imagesAnnotated());
            assertEquals(1, st.imagesReviewed());
            assertEquals(Map.of("tumor", 3L, "stroma", 1L), st.perLabel());
            assertEquals(1L, st.perState().get(ReviewState.PREDICTED));
            assertEquals(1, st.sessions());
            assertTrue(st.annotationTime().toMillis() >= 1000);
            assertEquals(Map.of(imgs.get(0).id(), 3L, imgs.get(1).id(), 1L), s.annotationCounts("d"));
        }
    }
}
