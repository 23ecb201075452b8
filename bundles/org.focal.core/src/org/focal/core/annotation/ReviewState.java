package org.focal.core.annotation;

/** Where an annotation stands in the predict, review, correct loop. */
public enum ReviewState {
    /** Proposed by a model, not looked at yet. */
    PREDICTED,
    /** A person agreed with it unchanged (or drew it). */
    ACCEPTED,
    /** A person changed a model's proposal. */
    CORRECTED,
    /** A person said it is wrong; kept for retraining, hidden from exports by default. */
    REJECTED
}
