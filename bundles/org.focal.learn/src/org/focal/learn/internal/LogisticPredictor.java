package org.focal.learn.internal;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.osgi.service.component.annotations.Component;

/** Applies models of the {@code logistic} trainer ({@link LogisticModel} JSON). */
@Component(service = Predictor.class, property = "focal.classifier=" + LogisticTrainer.ID)
public final class LogisticPredictor implements Predictor {

    @Override
    public String id() {
        return LogisticTrainer.ID;
    }

    @Override
    public String displayName() {
        return "Logistic regression";
    }

    @Override
    public double[][] predict(byte[] model, double[][] features) {
        LogisticModel m = LogisticModel.fromBytes(model);
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = m.probabilities(features[i]);
        }
        return out;
    }

    /** |coefficient| of each standardised column, summed over the classes' coefficient rows. */
    @Override
    public double[] importance(byte[] model, int columns) {
        LogisticModel m = LogisticModel.fromBytes(model);
        if (columns != m.columns()) {
            throw new BadInputException("logistic regression model has " + m.columns() + " columns, asked for " + columns);
        }
        double[] out = new double[columns];
        for (double[] row : m.coefficients()) {
            for (int j = 0; j < columns; j++) {
                out[j] += Math.abs(row[j]);
            }
        }
        return out;
    }
}
