package org.focal.learn.internal;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;

/** A {@link Predictor} for a {@link JavaModel}: reads the bytes, then applies or weighs the model. */
abstract class JavaModelPredictor implements Predictor {

    /** Parses and checks model bytes; a {@link BadInputException} when they are not such a model. */
    abstract JavaModel read(byte[] model);

    @Override
    public final double[][] predict(byte[] model, double[][] features) {
        JavaModel m = read(model);
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = m.probabilities(features[i]);
        }
        return out;
    }

    @Override
    public final double[] importance(byte[] model, int columns) {
        JavaModel m = read(model);
        if (columns != m.columns()) {
            throw new BadInputException(displayName() + " model has " + m.columns() + " columns, asked for " + columns);
        }
        return m.importance();
    }

    /** The bytes' own checks (sizes, ranges; see {@link StoredNumbers}), then the input and output widths. */
    @Override
    public final void check(byte[] model, int columns, int classes) {
        JavaModel m = read(model);
        if (m.columns() != columns) {
            throw new BadInputException(displayName() + " model takes " + m.columns() + " columns, expected " + columns);
        }
        if (m.classes() != classes) {
            throw new BadInputException(displayName() + " model has " + m.classes() + " classes, expected " + classes);
        }
    }
}
