package org.focal.store;

import java.time.Duration;
import java.util.Map;

import org.focal.core.annotation.ReviewState;

/**
 * Counts for {@code dataset show} and {@code dataset progress}.
 *
 * @param imagesAnnotated images with at least one annotation
 * @param imagesReviewed images with at least one annotation and no prediction left to review
 * @param perLabel annotation count per label (rejected ones excluded), in label-set order
 * @param annotationTime time spent in finished annotation sessions
 */
public record DatasetStats(int images, int imagesAnnotated, int imagesReviewed, long annotations,
        Map<String, Long> perLabel, Map<ReviewState, Long> perState, Duration annotationTime, int sessions) {

    /** Reviewed images as a fraction of all images (0 for an empty dataset). */
    public double progress() {
        return images == 0 ? 0 : (double) imagesReviewed / images;
    }
}
