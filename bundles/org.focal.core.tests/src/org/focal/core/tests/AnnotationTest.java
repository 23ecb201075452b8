package org.focal.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class AnnotationTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry box(double x, double y, double w, double h) {
        return GF.toGeometry(new Envelope(x, x + w, y, y + h));
    }

    private static Geometry triangle() {
        return GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10, 0), new Coordinate(5, 8),
            new Coordinate(0, 0)});
    }

    @Test
    void manualAnnotationIsAccepted() {
        Annotation a = Annotation.manual(AnnotationKind.BOX, box(10, 20, 30, 40), ImagePlane.DEFAULT, "WBC", "ana");
        assertEquals(ReviewState.ACCEPTED, a.state());
        assertTrue(a.source().isManual());
        assertTrue(Double.isNaN(a.confidence()));
        assertEquals(30 * 40, a.geometry().getArea(), 1e-9);
    }

    @Test
    void correctingAPredictionKeepsIdAndSourceAndMarksItCorrected() {
        Annotation p = Annotation.predicted(AnnotationKind.POLYGON, triangle(), new ImagePlane(3, 0), "tumour",
                AnnotationSource.model("lung-seg", 2), 0.8);
        assertEquals(ReviewState.PREDICTED, p.state());
        Annotation c = p.corrected(box(0, 0, 5, 5), "necrosis", "ana");
        assertEquals(p.id(), c.id());
        assertEquals(ReviewState.CORRECTED, c.state());
        assertEquals("model:lung-seg@2", c.source().toString());
        assertEquals("necrosis", c.label());
        assertFalse(c.modified().isBefore(p.modified()));
        assertEquals(ReviewState.REJECTED, p.withState(ReviewState.REJECTED, "bo").state());
    }

    @Test
    void kindAndGeometryMustAgree() {
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.manual(AnnotationKind.BOX, triangle(), ImagePlane.DEFAULT, "x", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.manual(AnnotationKind.IMAGE_LABEL, box(0, 0, 1, 1), ImagePlane.DEFAULT, "x", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.manual(AnnotationKind.POLYGON, GF.createPolygon(), ImagePlane.DEFAULT, "x", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> Annotation.manual(AnnotationKind.POLYGON, triangle(), ImagePlane.DEFAULT, " ", "a"));
        Annotation label = Annotation.manual(AnnotationKind.IMAGE_LABEL, null, ImagePlane.DEFAULT, "positive", "a");
        assertFalse(label.hasGeometry());
    }

    @Test
    void confidenceAndTimesAreChecked() {
        Instant now = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> new Annotation(UUID.randomUUID(), AnnotationKind.POLYGON,
                triangle(), ImagePlane.DEFAULT, "x", AnnotationSource.model("m", 1), null, 1.5, ReviewState.PREDICTED, now, now));
        assertThrows(IllegalArgumentException.class, () -> new Annotation(UUID.randomUUID(), AnnotationKind.POLYGON,
                triangle(), ImagePlane.DEFAULT, "x", AnnotationSource.MANUAL, "a", Double.NaN, ReviewState.ACCEPTED, now,
                now.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Annotation.predicted(AnnotationKind.POLYGON, triangle(),
                ImagePlane.DEFAULT, "x", AnnotationSource.MANUAL, 0.5));
    }

    @Test
    void sourceRoundTripsThroughText() {
        assertEquals(AnnotationSource.MANUAL, AnnotationSource.parse("manual"));
        AnnotationSource s = AnnotationSource.parse("model:colorectal-cms@12");
        assertEquals("colorectal-cms", s.modelId());
        assertEquals(12, s.modelVersion());
        assertEquals("model:colorectal-cms@12", s.toString());
        assertNotEquals(AnnotationSource.MANUAL, s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "model:", "model:x", "model:@1", "model:x@0", "model:x@y", "human"})
    void malformedSourcesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> AnnotationSource.parse(text));
    }

    @Test
    void planeMustNotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new ImagePlane(-1, 0));
    }
}
