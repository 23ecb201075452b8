package org.focal.learn.internal;

import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Trainer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code mlp}: a multilayer perceptron with one hidden layer of tanh units on standardised columns
 * (missing values imputed by the training mean), cross-entropy loss with L2 weight decay, fitted
 * with L-BFGS. Parameters: {@code hidden} (16 units), {@code alpha} (1.0; weight decay as in
 * scikit-learn's MLPClassifier, stronger than its 1e-4 default because slide sets are small),
 * {@code max_iterations} (500), {@code tolerance} (1e-6, on the largest gradient component of the
 * mean loss), {@code cv_folds} (5; 0 = off), {@code seed} (42: initial weights and folds). Metrics
 * as for {@code logistic}.
 */
@Component(service = Trainer.class, property = "focal.classifier=" + MlpTrainer.ID)
public final class MlpTrainer extends JavaModelTrainer<MlpTrainer.Settings> {

    public static final String ID = "mlp";
    static final List<String> PARAMETERS = List.of("hidden", "alpha", "max_iterations", "tolerance", "cv_folds", "seed");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Multilayer perceptron (one tanh hidden layer, L-BFGS)";
    }

    record Settings(int hidden, double alpha, int maxIterations, double tolerance, int cvFolds, long seed) implements JavaModelTrainer.Settings {
    }

    @Override
    String modelName() {
        return "MLP";
    }

    @Override
    Settings settings(Map<String, String> parameters) {
        TrainerSupport.rejectUnknown(ID, parameters, PARAMETERS);
        int hidden = TrainerSupport.integerIn(ID, parameters, "hidden", 16, 1, 4096);
        double alpha = TrainerSupport.nonNegative(ID, parameters, "alpha", 1.0);
        double tolerance = TrainerSupport.tolerance(ID, parameters, 1e-6);
        int maxIterations = TrainerSupport.integerIn(ID, parameters, "max_iterations", 500, 1, 1_000_000);
        return new Settings(hidden, alpha, maxIterations, tolerance, TrainerSupport.cvFolds(ID, parameters),
                TrainerSupport.integer(ID, parameters, "seed", 42));
    }

    @Override
    TrainerSupport.Fitted fit(double[][] features, int[] labels, int classes, int columns, Settings s, ProgressMonitor monitor) {
        TrainerSupport.Scaling scaling = TrainerSupport.Scaling.of(features, columns);
        Mlp.Fit fit = Mlp.fit(scaling.apply(features, "MLP"), labels, classes, s.hidden(), s.alpha(), s.tolerance(),
                s.maxIterations(), s.seed(), monitor);
        MlpModel model = new MlpModel(MlpModel.FORMAT, MlpModel.VERSION, classes, columns, s.hidden(), s.alpha(), scaling.means(),
                scaling.stds(), fit.w1(), fit.b1(), fit.w2(), fit.b2());
        return new TrainerSupport.Fitted(model, fit.iterations(), fit.converged());
    }
}
