package org.focal.store;

import java.time.Instant;

import org.focal.core.dataset.Dataset;

/** A stored dataset with its row id and size. */
public record DatasetInfo(long id, Dataset dataset, int images, long annotations, Instant created) {

    public String name() {
        return dataset.name();
    }
}
