package org.focal.core.learn;

/** Whether a model version is the one in use for its scenario and task. */
public enum ModelState {
    /** The version pre-annotation and prediction use. At most one per model id. */
    DEFAULT,
    /** Kept for history and rollback. */
    ARCHIVED
}
