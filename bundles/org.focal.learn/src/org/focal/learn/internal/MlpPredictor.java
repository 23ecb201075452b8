package org.focal.learn.internal;

import org.focal.core.learn.Predictor;
import org.osgi.service.component.annotations.Component;

/** Applies models of the {@code mlp} trainer ({@link MlpModel} JSON). */
@Component(service = Predictor.class, property = "focal.classifier=" + MlpTrainer.ID)
public final class MlpPredictor extends JavaModelPredictor {

    @Override
    public String id() {
        return MlpTrainer.ID;
    }

    @Override
    public String displayName() {
        return "MLP";
    }

    @Override
    JavaModel read(byte[] model) {
        return MlpModel.fromBytes(model);
    }
}
