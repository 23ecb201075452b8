package org.focal.core.dataset;

import java.util.Objects;

/**
 * A named collection of images annotated for one task with one label set, optionally bound to a
 * disease scenario. Images, annotations and progress live in the store; this is the header.
 */
public record Dataset(String name, String description, Task task, LabelSet labels, String scenarioId) {

    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(labels, "labels");
        description = description == null ? "" : description;
    }
}
