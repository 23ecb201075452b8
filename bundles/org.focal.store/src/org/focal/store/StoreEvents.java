package org.focal.store;

/**
 * The topics and properties of the change events a store publishes through OSGi Event Admin after
 * each committed change, so views refresh without polling. Subscribe with an
 * {@code org.osgi.service.event.EventHandler} service whose {@code event.topics} is
 * {@link #ALL} or one topic. Every event carries {@link #WORKSPACE}; the others as listed. Events
 * come from the process that made the change.
 */
public final class StoreEvents {

    private StoreEvents() {
    }

    /** Every store topic, for {@code event.topics}. */
    public static final String ALL = "org/focal/store/*";

    /** {@link #DATASET}. */
    public static final String DATASET_CREATED = "org/focal/store/dataset/CREATED";
    /** {@link #DATASET} (the old name), {@link #NEW_NAME}. */
    public static final String DATASET_RENAMED = "org/focal/store/dataset/RENAMED";
    /** {@link #DATASET}. */
    public static final String DATASET_DELETED = "org/focal/store/dataset/DELETED";
    /** {@link #DATASET}: its label set changed. */
    public static final String DATASET_LABELS_CHANGED = "org/focal/store/dataset/LABELS_CHANGED";
    /** {@link #DATASET}, {@link #IMAGE_IDS}, {@link #COUNT}. */
    public static final String IMAGES_ADDED = "org/focal/store/image/ADDED";
    /** A bulk write (import, model predictions): {@link #DATASET} when known, {@link #IMAGE_IDS} when known, {@link #COUNT} annotations. */
    public static final String ANNOTATIONS_IMPORTED = "org/focal/store/annotation/IMPORTED";
    /** {@link #IMAGE_ID}, {@link #ANNOTATION_ID}, {@link #LABEL}. */
    public static final String ANNOTATION_ADDED = "org/focal/store/annotation/ADDED";
    /** {@link #IMAGE_ID}, {@link #ANNOTATION_ID}, {@link #LABEL} (after the change). */
    public static final String ANNOTATION_CHANGED = "org/focal/store/annotation/CHANGED";
    /** {@link #IMAGE_ID}, {@link #ANNOTATION_ID}. */
    public static final String ANNOTATION_REMOVED = "org/focal/store/annotation/REMOVED";
    /** {@link #IMAGE_ID}: the image's latest edit was undone. */
    public static final String EDIT_UNDONE = "org/focal/store/history/UNDONE";
    /** {@link #IMAGE_ID}: the image's latest undone edit was redone. */
    public static final String EDIT_REDONE = "org/focal/store/history/REDONE";

    /** The workspace folder (String, absolute). */
    public static final String WORKSPACE = "workspace";
    /** The dataset name (String). */
    public static final String DATASET = "dataset";
    /** The new dataset name (String). */
    public static final String NEW_NAME = "newName";
    /** One image id (Long). */
    public static final String IMAGE_ID = "imageId";
    /** Image ids (long[]). */
    public static final String IMAGE_IDS = "imageIds";
    /** The annotation's UUID (String). */
    public static final String ANNOTATION_ID = "annotationId";
    /** The annotation's label (String, may be absent). */
    public static final String LABEL = "label";
    /** How many items the change touched (Integer). */
    public static final String COUNT = "count";
}
