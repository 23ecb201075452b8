package org.focal.learn.internal;

import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;

/**
 * A {@link Trainer} whose model is a {@link JavaModel}: parses its settings, checks the data, then
 * cross-validates and fits through {@link TrainerSupport#train}.
 *
 * @param <S> the trainer's parsed parameters
 */
abstract class JavaModelTrainer<S extends JavaModelTrainer.Settings> implements Trainer {

    /** What every Java trainer's settings carry. */
    interface Settings {
        int cvFolds();

        long seed();
    }

    /** Lower-case name of the model kind for messages and progress, e.g. "logistic regression". */
    abstract String modelName();

    /** Parses and checks the parameters; a {@code BadInputException} naming the key otherwise. */
    abstract S settings(Map<String, String> parameters);

    /** Fits all given rows (raw, unstandardised). */
    abstract TrainerSupport.Fitted fit(double[][] features, int[] labels, int classes, int columns, S settings, ProgressMonitor monitor);

    @Override
    public final void checkParameters(Map<String, String> parameters) {
        settings(parameters);
    }

    @Override
    public final TrainedModel train(double[][] features, int[] labels, int classes, Map<String, String> parameters,
            ProgressMonitor monitor) {
        S s = settings(parameters == null ? Map.of() : parameters);
        int columns = TrainerSupport.checkData(id(), modelName(), features, labels, classes);
        return TrainerSupport.train("Training " + modelName(), features, labels, classes, s.cvFolds(), s.seed(),
                (x, y) -> fit(x, y, classes, columns, s, monitor), monitor);
    }
}
