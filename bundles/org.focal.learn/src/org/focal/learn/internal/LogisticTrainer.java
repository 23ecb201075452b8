package org.focal.learn.internal;

import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Trainer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code logistic}: L2-regularised logistic regression (binary, or multinomial softmax for more
 * classes) on standardised columns, missing values imputed by the training mean, fitted with
 * L-BFGS. Parameters: {@code l2} (default 1.0; scikit-learn's {@code C} is {@code 1/l2}),
 * {@code max_iterations} (1000), {@code tolerance} (1e-10, on the largest gradient component of the
 * mean loss), {@code cv_folds} (5; 0 = no cross-validation), {@code seed} (42, for the folds).
 * Metrics: {@code train_loss} (mean log loss on the training rows), {@code train_accuracy},
 * {@code iterations}, {@code converged} (1 or 0) and, for two classes, {@code cv_auc} (mean AUC
 * over stratified folds) and {@code cv_folds}.
 */
@Component(service = Trainer.class, property = "focal.classifier=" + LogisticTrainer.ID)
public final class LogisticTrainer extends JavaModelTrainer<LogisticTrainer.Settings> {

    public static final String ID = "logistic";
    static final List<String> PARAMETERS = List.of("l2", "max_iterations", "tolerance", "cv_folds", "seed");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Logistic regression (L2, standardised features)";
    }

    record Settings(double l2, int maxIterations, double tolerance, int cvFolds, long seed) implements JavaModelTrainer.Settings {
    }

    @Override
    String modelName() {
        return "logistic regression";
    }

    @Override
    Settings settings(Map<String, String> parameters) {
        TrainerSupport.rejectUnknown(ID, parameters, PARAMETERS);
        double l2 = TrainerSupport.nonNegative(ID, parameters, "l2", 1.0);
        double tolerance = TrainerSupport.tolerance(ID, parameters, 1e-10);
        int maxIterations = TrainerSupport.integerIn(ID, parameters, "max_iterations", 1000, 1, 1_000_000);
        return new Settings(l2, maxIterations, tolerance, TrainerSupport.cvFolds(ID, parameters),
                TrainerSupport.integer(ID, parameters, "seed", 42));
    }

    @Override
    TrainerSupport.Fitted fit(double[][] features, int[] labels, int classes, int columns, Settings s, ProgressMonitor monitor) {
        TrainerSupport.Scaling scaling = TrainerSupport.Scaling.of(features, columns);
        double[][] z = scaling.apply(features, "logistic regression");
        LogisticRegression.Fit fit = LogisticRegression.fit(z, labels, classes, s.l2(), s.tolerance(), s.maxIterations(), monitor);
        LogisticModel model = new LogisticModel(LogisticModel.FORMAT, LogisticModel.VERSION, classes, columns, s.l2(),
                scaling.means(), scaling.stds(), fit.intercepts(), fit.coefficients());
        return new TrainerSupport.Fitted(model, fit.iterations(), fit.converged());
    }
}
