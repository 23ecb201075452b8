package org.focal.learn.internal;

import org.focal.core.learn.Predictor;
import org.osgi.service.component.annotations.Component;

/** Applies models of the {@code logistic} trainer ({@link LogisticModel} JSON). */
@Component(service = Predictor.class, property = "focal.classifier=" + LogisticTrainer.ID)
public final class LogisticPredictor extends JavaModelPredictor {

    @Override
    public String id() {
        return LogisticTrainer.ID;
    }

    @Override
    public String displayName() {
        return "Logistic regression";
    }

    @Override
    JavaModel read(byte[] model) {
        return LogisticModel.fromBytes(model);
    }
}
