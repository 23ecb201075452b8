package org.focal.core.image;

/** How well a reader can open a given file; the registry picks the highest. */
public enum SupportLevel {
    /** Cannot read it. */
    NONE,
    /** Could decode the pixels but loses structure or metadata (e.g. a TIFF as a flat image). */
    GENERIC,
    /** Recognised by content and fully supported. */
    FULL,
    /** The reader made for exactly this variant (e.g. Aperio SVS rather than plain TIFF). */
    SPECIFIC
}
