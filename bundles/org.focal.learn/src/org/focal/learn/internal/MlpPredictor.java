package org.focal.learn.internal;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.osgi.service.component.annotations.Component;

/** Applies models of the {@code mlp} trainer ({@link MlpModel} JSON). */
@Component(service = Predictor.class, property = "focal.classifier=" + MlpTrainer.ID)
public final class MlpPredictor implements Predictor {

    @Override
    public String id() {
        return MlpTrainer.ID;
    }

    @Override
    public String displayName() {
        return "Multilayer perceptron";
    }

    @Override
    public double[][] predict(byte[] model, double[][] features) {
        MlpModel m = MlpModel.fromBytes(model);
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = m.probabilities(features[i]);
        }
        return out;
    }

    @Override
    public double[] importance(byte[] model, int columns) {
        MlpModel m = MlpModel.fromBytes(model);
        if (columns != m.columns()) {
            throw new BadInputException("MLP model has " + m.columns() + " columns, asked for " + columns);
        }
        return m.importance();
    }
}
