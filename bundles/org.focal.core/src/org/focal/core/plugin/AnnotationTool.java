package org.focal.core.plugin;

import org.focal.core.annotation.AnnotationKind;

/**
 * An annotation tool offered in the workbench palette (box, polygon, brush, ...). The UI side
 * supplies the interaction; this service describes the tool so every front end can list it.
 */
public interface AnnotationTool extends FocalPlugin {

    /** The kind of annotation the tool creates. */
    AnnotationKind creates();

    /** Single key that selects the tool in the workbench, or 0 for none. */
    default char hotkey() {
        return 0;
    }
}
