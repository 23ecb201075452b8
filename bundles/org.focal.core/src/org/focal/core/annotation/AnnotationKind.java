package org.focal.core.annotation;

/** What an annotation marks. */
public enum AnnotationKind {
    /** A class or positive/negative label for the whole image; no geometry. */
    IMAGE_LABEL,
    /** Axis-aligned bounding box. */
    BOX,
    /** Polygon or freehand contour. */
    POLYGON,
    /** Pixel mask, stored as its (multi)polygon outline in level-0 pixels. */
    MASK
}
