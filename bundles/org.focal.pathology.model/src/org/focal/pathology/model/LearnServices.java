package org.focal.pathology.model;

import java.util.Collection;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.Trainer;
import org.focal.core.plugin.FocalPlugin;
import org.focal.core.plugin.PluginRegistry;
import org.focal.learn.FeatureSelector;
import org.focal.learn.SlideFusion;

/**
 * The installed learning plugins the pipeline chooses from by id (given by DS to the commands).
 * Unknown ids give an error listing what is installed.
 */
public record LearnServices(List<SlideFusion> fusions, List<FeatureSelector> selectors, List<Trainer> trainers,
        List<Predictor> predictors) {

    public LearnServices {
        fusions = List.copyOf(fusions);
        selectors = List.copyOf(selectors);
        trainers = List.copyOf(trainers);
        predictors = List.copyOf(predictors);
    }

    public SlideFusion fusion(String id) {
        return find(fusions, id, "fusion");
    }

    public FeatureSelector selector(String id) {
        return find(selectors, id, "selection");
    }

    public Trainer trainer(String id) {
        return find(trainers, id, "classifier");
    }

    public Predictor predictor(String id) {
        return find(predictors, id, "classifier");
    }

    static <T extends FocalPlugin> T find(Collection<T> installed, String id, String what) {
        return PluginRegistry.require(installed, id, what);
    }
}
