package org.focal.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.export.DatasetContent;
import org.locationtech.jts.geom.Envelope;

/**
 * The datasets, images and annotations of one workspace, in an embedded database file. Every
 * method is one transaction: it commits whole or not at all (an import of N images either adds all
 * of them or none). Unknown datasets and duplicate names are {@link org.focal.core.BadInputException}s.
 */
public interface Store extends AutoCloseable {

    Path workspace();

    /** The schema version of the open database. */
    int schemaVersion();

    // ---- datasets

    DatasetInfo createDataset(Dataset dataset);

    List<DatasetInfo> datasets();

    Optional<DatasetInfo> findDataset(String name);

    /** The dataset, or a {@link org.focal.core.BadInputException} naming it and the workspace. */
    DatasetInfo dataset(String name);

    void renameDataset(String name, String newName);

    /** Deletes the dataset, its images, annotations, history, and the files copied into the workspace for it. */
    void deleteDataset(String name);

    void setLabels(String dataset, LabelSet labels);

    /** Where files copied into the workspace for a dataset go (created on demand). */
    Path filesFolder(String dataset);

    // ---- images

    /** Adds images in one transaction; an image whose name the dataset already has is reported as a conflict. */
    List<ImageRecord> addImages(String dataset, List<NewImage> images, ProgressMonitor monitor);

    List<ImageRecord> images(String dataset);

    Optional<ImageRecord> image(long imageId);

    /** Number of annotations per image id of the dataset (images without any are absent). */
    java.util.Map<Long, Long> annotationCounts(String dataset);

    // ---- annotations

    /**
     * Imports annotations (and images the dataset does not have yet) in one transaction. Content
     * images match dataset images by name, else by a unique file name; labels the dataset lacks are
     * added to its label set. Bulk imports are not recorded in the undo history.
     */
    ImportResult importContent(String dataset, DatasetContent content, ProgressMonitor monitor);

    /** The dataset with its images and annotations, for exporters; rejected annotations only on request. */
    DatasetContent content(String dataset, boolean includeRejected, ProgressMonitor monitor);

    List<Annotation> annotations(long imageId);

    /** Annotations of one plane whose bounding box meets the window (a spatial-index query). */
    List<Annotation> annotationsIn(long imageId, ImagePlane plane, Envelope window);

    /** Adds many annotations to one image in one transaction, without undo history (imports, models). */
    void addAll(long imageId, List<Annotation> annotations, ProgressMonitor monitor);

    // ---- interactive edits, with undo/redo per image

    void add(long imageId, Annotation annotation);

    /** Replaces the annotation with the same id. */
    void update(long imageId, Annotation annotation);

    void delete(long imageId, UUID annotationId);

    /** Undoes the latest edit of the image; false when there is none. */
    boolean undo(long imageId);

    /** Redoes the latest undone edit; false when there is none. A new edit clears the redo list. */
    boolean redo(long imageId);

    /** The edit history of one image, oldest first; undone edits (the redo list) are marked. */
    List<Edit> history(long imageId);

    /**
     * The image of the dataset whose edit an undo (or redo) without an explicit image would act on:
     * for undo the image with the newest edit not undone; for redo the image with the newest undone
     * edit among those that have one. Empty when there is nothing to undo (redo).
     */
    Optional<Long> latestEditedImage(String dataset, boolean forRedo);

    // ---- time tracking and progress

    long startSession(long imageId, String annotator);

    void endSession(long sessionId);

    DatasetStats stats(String dataset);

    @Override
    void close();

    /** An annotation with the image it belongs to. */
    record Located(long imageId, Annotation annotation) {
    }

    /**
     * One interactive edit of an image.
     *
     * @param action {@code add}, {@code update} or {@code delete}
     * @param label the annotation's label after the edit (before it, for a delete)
     * @param undone true when the edit was undone and is waiting on the redo list
     */
    record Edit(long id, UUID annotation, String action, String label, java.time.Instant at, boolean undone) {
    }

    /** What an import did. */
    record ImportResult(int imagesAdded, int imagesMatched, int annotations, List<String> labelsAdded) {
        public ImportResult {
            labelsAdded = List.copyOf(labelsAdded);
        }
    }
}
