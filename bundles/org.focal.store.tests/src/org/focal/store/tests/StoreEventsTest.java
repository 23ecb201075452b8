package org.focal.store.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.LabelSet;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.StoreEvents;
import org.focal.testing.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** A subscriber to the store's Event Admin topics sees each kind of committed change, and nothing of a failed one. */
class StoreEventsTest {

    @TempDir
    Path ws;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> registration;

    @BeforeEach
    void subscribe() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, StoreEvents.ALL);
        registration = Services.context().registerService(EventHandler.class, e -> {
            if (ws.toAbsolutePath().normalize().toString().equals(e.getProperty(StoreEvents.WORKSPACE))) {
                events.add(e);
            }
        }, props);
    }

    @AfterEach
    void unsubscribe() {
        registration.unregister();
    }

    private Event next(String topic) throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        assertTrue(e != null, "no event; expected " + topic);
        assertEquals(topic, e.getTopic());
        return e;
    }

    @Test
    void eachKindOfChangeIsPublishedAfterItsCommit() throws Exception {
        try (Store s = StoreTest.open(ws)) {
            s.createDataset(StoreTest.dataset("d"));
            assertEquals("d", next(StoreEvents.DATASET_CREATED).getProperty(StoreEvents.DATASET));

            long id = s.addImages("d", List.of(new NewImage("a.png", null, false, 100, 100, 1)), ProgressMonitor.NULL)
                    .get(0).id();
            Event added = next(StoreEvents.IMAGES_ADDED);
            assertArrayEquals(new long[] {id}, (long[]) added.getProperty(StoreEvents.IMAGE_IDS));

            Annotation a = StoreTest.polygon(1, 1, 10, "tumor");
            s.add(id, a);
            Event e = next(StoreEvents.ANNOTATION_ADDED);
            assertEquals(id, e.getProperty(StoreEvents.IMAGE_ID));
            assertEquals(a.id().toString(), e.getProperty(StoreEvents.ANNOTATION_ID));

            s.update(id, a.corrected(StoreTest.square(5, 5, 10), "stroma", "bob"));
            assertEquals("stroma", next(StoreEvents.ANNOTATION_CHANGED).getProperty(StoreEvents.LABEL));
            s.delete(id, a.id());
            assertEquals(a.id().toString(), next(StoreEvents.ANNOTATION_REMOVED).getProperty(StoreEvents.ANNOTATION_ID));
            s.undo(id);
            assertEquals(id, next(StoreEvents.EDIT_UNDONE).getProperty(StoreEvents.IMAGE_ID));
            s.redo(id);
            assertEquals(id, next(StoreEvents.EDIT_REDONE).getProperty(StoreEvents.IMAGE_ID));

            List<Annotation> many = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                many.add(StoreTest.polygon(10 * i, 0, 5, "tumor"));
            }
            s.addAll(id, many, ProgressMonitor.NULL);
            assertEquals(5, next(StoreEvents.ANNOTATIONS_IMPORTED).getProperty(StoreEvents.COUNT));

            s.setLabels("d", LabelSet.ofNames(List.of("tumor", "stroma", "necrosis")));
            next(StoreEvents.DATASET_LABELS_CHANGED);
            s.renameDataset("d", "e");
            assertEquals("e", next(StoreEvents.DATASET_RENAMED).getProperty(StoreEvents.NEW_NAME));

            // a failed write commits nothing and tells nothing
            assertThrows(RuntimeException.class, () -> s.createDataset(StoreTest.dataset("e")));
            s.deleteDataset("e");
            assertEquals("e", next(StoreEvents.DATASET_DELETED).getProperty(StoreEvents.DATASET));
            assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS));
        }
    }
}
