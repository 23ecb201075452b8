package org.focal.core.learn;

import java.util.Map;

/**
 * What a {@link Trainer} produced.
 *
 * @param model the serialized model, read back by the {@link Predictor} of the same id
 * @param metrics training metrics such as {@code cv_auc} or {@code rounds}
 */
public record TrainedModel(byte[] model, Map<String, Double> metrics) {

    public TrainedModel {
        model = model.clone();
        metrics = Map.copyOf(metrics);
    }

    @Override
    public byte[] model() {
        return model.clone();
    }
}
