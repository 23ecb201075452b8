package org.focal.core.annotation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * One annotation on one image. Geometry is in level-0 pixel coordinates of the image, on a
 * {@link ImagePlane}; an {@link AnnotationKind#IMAGE_LABEL} has no geometry. Immutable: edits
 * return a new value with the same id and a later {@code modified} time.
 *
 * @param confidence model score in [0, 1], or {@code NaN} when not applicable (manual work)
 */
public record Annotation(
        UUID id,
        AnnotationKind kind,
        Geometry geometry,
        ImagePlane plane,
        String label,
        AnnotationSource source,
        String author,
        double confidence,
        ReviewState state,
        Instant created,
        Instant modified) {

    public Annotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("an annotation needs a label");
        }
        if (kind == AnnotationKind.IMAGE_LABEL) {
            if (geometry != null) {
                throw new IllegalArgumentException("an image label has no geometry");
            }
        } else {
            if (geometry == null || geometry.isEmpty()) {
                throw new IllegalArgumentException(kind + " needs a non-empty geometry");
            }
            if (kind == AnnotationKind.BOX && !(geometry instanceof Polygon p && p.isRectangle())) {
                throw new IllegalArgumentException("a box must be an axis-aligned rectangle");
            }
        }
        if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must lie in [0, 1], was " + confidence);
        }
        if (modified.isBefore(created)) {
            throw new IllegalArgumentException("modified time precedes creation time");
        }
    }

    /** A new manual annotation, accepted, created now. */
    public static Annotation manual(AnnotationKind kind, Geometry geometry, ImagePlane plane, String label, String author) {
        Instant now = Instant.now();
        return new Annotation(UUID.randomUUID(), kind, geometry, plane, label, AnnotationSource.MANUAL, author,
                Double.NaN, ReviewState.ACCEPTED, now, now);
    }

    /** A new model prediction awaiting review. */
    public static Annotation predicted(AnnotationKind kind, Geometry geometry, ImagePlane plane, String label,
            AnnotationSource model, double confidence) {
        if (model.isManual()) {
            throw new IllegalArgumentException("a prediction needs a model source");
        }
        Instant now = Instant.now();
        return new Annotation(UUID.randomUUID(), kind, geometry, plane, label, model, null, confidence,
                ReviewState.PREDICTED, now, now);
    }

    public boolean hasGeometry() {
        return geometry != null;
    }

    /** The same annotation in another review state, as decided by {@code reviewer}. */
    public Annotation withState(ReviewState newState, String reviewer) {
        return new Annotation(id, kind, geometry, plane, label, source, reviewer, confidence, newState, created,
                later(modified));
    }

    /**
     * A person's edit of the shape or label. A model's prediction becomes {@link ReviewState#CORRECTED};
     * the source stays, so retraining knows which model was corrected.
     */
    public Annotation corrected(Geometry newGeometry, String newLabel, String editor) {
        ReviewState newState = source.isManual() ? ReviewState.ACCEPTED : ReviewState.CORRECTED;
        return new Annotation(id, kind, newGeometry, plane, newLabel, source, editor, confidence, newState, created,
                later(modified));
    }

    private static Instant later(Instant previous) {
        Instant now = Instant.now();
        return now.isAfter(previous) ? now : previous;
    }
}
