package org.focal.store.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.export.DatasetContent;
import org.focal.store.DatasetInfo;
import org.focal.store.DatasetStats;
import org.focal.store.ImageRecord;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.StoreEvents;
import org.locationtech.jts.geom.Envelope;

/**
 * A store that tells about every committed change: each write is delegated first and its event
 * published only when it returned, so a failed (rolled back) write publishes nothing. Reads pass
 * straight through.
 */
final class EventingStore implements Store {

    private final Store store;
    private final BiConsumer<String, Map<String, Object>> publisher;

    /** @param publisher receives a topic of {@link StoreEvents} and the event's properties */
    EventingStore(Store store, BiConsumer<String, Map<String, Object>> publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    private void publish(String topic, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(StoreEvents.WORKSPACE, store.workspace().toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                properties.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        publisher.accept(topic, properties);
    }

    private static long[] ids(List<ImageRecord> images) {
        return images.stream().mapToLong(ImageRecord::id).toArray();
    }

    // ---- writes

    @Override
    public DatasetInfo createDataset(Dataset dataset) {
        DatasetInfo info = store.createDataset(dataset);
        publish(StoreEvents.DATASET_CREATED, StoreEvents.DATASET, info.name());
        return info;
    }

    @Override
    public void renameDataset(String name, String newName) {
        store.renameDataset(name, newName);
        publish(StoreEvents.DATASET_RENAMED, StoreEvents.DATASET, name, StoreEvents.NEW_NAME, newName);
    }

    @Override
    public void deleteDataset(String name) {
        store.deleteDataset(name);
        publish(StoreEvents.DATASET_DELETED, StoreEvents.DATASET, name);
    }

    @Override
    public void setLabels(String dataset, LabelSet labels) {
        store.setLabels(dataset, labels);
        publish(StoreEvents.DATASET_LABELS_CHANGED, StoreEvents.DATASET, dataset);
    }

    @Override
    public List<ImageRecord> addImages(String dataset, List<NewImage> images, ProgressMonitor monitor) {
        List<ImageRecord> added = store.addImages(dataset, images, monitor);
        publish(StoreEvents.IMAGES_ADDED, StoreEvents.DATASET, dataset, StoreEvents.IMAGE_IDS, ids(added),
                StoreEvents.COUNT, added.size());
        return added;
    }

    @Override
    public ImportResult importContent(String dataset, DatasetContent content, ProgressMonitor monitor) {
        ImportResult result = store.importContent(dataset, content, monitor);
        if (result.imagesAdded() > 0) {
            publish(StoreEvents.IMAGES_ADDED, StoreEvents.DATASET, dataset, StoreEvents.COUNT, result.imagesAdded());
        }
        if (!result.labelsAdded().isEmpty()) {
            publish(StoreEvents.DATASET_LABELS_CHANGED, StoreEvents.DATASET, dataset);
        }
        publish(StoreEvents.ANNOTATIONS_IMPORTED, StoreEvents.DATASET, dataset, StoreEvents.COUNT, result.annotations());
        return result;
    }

    @Override
    public void addAll(long imageId, List<Annotation> annotations, ProgressMonitor monitor) {
        store.addAll(imageId, annotations, monitor);
        publish(StoreEvents.ANNOTATIONS_IMPORTED, StoreEvents.IMAGE_IDS, new long[] {imageId}, StoreEvents.COUNT,
                annotations.size());
    }

    @Override
    public void add(long imageId, Annotation annotation) {
        store.add(imageId, annotation);
        publish(StoreEvents.ANNOTATION_ADDED, StoreEvents.IMAGE_ID, imageId, StoreEvents.ANNOTATION_ID,
                annotation.id().toString(), StoreEvents.LABEL, annotation.label());
    }

    @Override
    public void update(long imageId, Annotation annotation) {
        store.update(imageId, annotation);
        publish(StoreEvents.ANNOTATION_CHANGED, StoreEvents.IMAGE_ID, imageId, StoreEvents.ANNOTATION_ID,
                annotation.id().toString(), StoreEvents.LABEL, annotation.label());
    }

    @Override
    public void delete(long imageId, UUID annotationId) {
        store.delete(imageId, annotationId);
        publish(StoreEvents.ANNOTATION_REMOVED, StoreEvents.IMAGE_ID, imageId, StoreEvents.ANNOTATION_ID,
                annotationId.toString());
    }

    @Override
    public boolean undo(long imageId) {
        boolean done = store.undo(imageId);
        if (done) {
            publish(StoreEvents.EDIT_UNDONE, StoreEvents.IMAGE_ID, imageId);
        }
        return done;
    }

    @Override
    public boolean redo(long imageId) {
        boolean done = store.redo(imageId);
        if (done) {
            publish(StoreEvents.EDIT_REDONE, StoreEvents.IMAGE_ID, imageId);
        }
        return done;
    }

    // ---- reads and time tracking: no event

    @Override
    public Path workspace() {
        return store.workspace();
    }

    @Override
    public int schemaVersion() {
        return store.schemaVersion();
    }

    @Override
    public List<DatasetInfo> datasets() {
        return store.datasets();
    }

    @Override
    public Optional<DatasetInfo> findDataset(String name) {
        return store.findDataset(name);
    }

    @Override
    public DatasetInfo dataset(String name) {
        return store.dataset(name);
    }

    @Override
    public Path filesFolder(String dataset) {
        return store.filesFolder(dataset);
    }

    @Override
    public List<ImageRecord> images(String dataset) {
        return store.images(dataset);
    }

    @Override
    public Optional<ImageRecord> image(long imageId) {
        return store.image(imageId);
    }

    @Override
    public Map<Long, Long> annotationCounts(String dataset) {
        return store.annotationCounts(dataset);
    }

    @Override
    public DatasetContent content(String dataset, boolean includeRejected, ProgressMonitor monitor) {
        return store.content(dataset, includeRejected, monitor);
    }

    @Override
    public List<Annotation> annotations(long imageId) {
        return store.annotations(imageId);
    }

    @Override
    public List<Annotation> annotationsIn(long imageId, ImagePlane plane, Envelope window) {
        return store.annotationsIn(imageId, plane, window);
    }

    @Override
    public List<Edit> history(long imageId) {
        return store.history(imageId);
    }

    @Override
    public Optional<Long> latestEditedImage(String dataset, boolean forRedo) {
        return store.latestEditedImage(dataset, forRedo);
    }

    @Override
    public long startSession(long imageId, String annotator) {
        return store.startSession(imageId, annotator);
    }

    @Override
    public void endSession(long sessionId) {
        store.endSession(sessionId);
    }

    @Override
    public DatasetStats stats(String dataset) {
        return store.stats(dataset);
    }

    @Override
    public void close() {
        store.close();
    }
}
