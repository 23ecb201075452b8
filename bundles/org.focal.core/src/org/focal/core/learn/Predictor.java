package org.focal.core.learn;

import org.focal.core.plugin.FocalPlugin;

/** Applies models written by the {@link Trainer} of the same id. */
public interface Predictor extends FocalPlugin {

    /** Class probabilities per row, {@code [rows][classes]}. */
    double[][] predict(byte[] model, double[][] features);
}
