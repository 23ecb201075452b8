package org.focal.learn.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.learn.FittedFusion;

/** The identity of a fitted fusion: id, input and output names, state. */
abstract class AbstractFittedFusion implements FittedFusion {

    private final String fusionId;
    private final List<String> features;
    private final List<String> outputNames;
    private final Map<String, Object> state;

    AbstractFittedFusion(String fusionId, List<String> features, List<String> outputNames, Map<String, Object> state) {
        this.fusionId = fusionId;
        this.features = List.copyOf(features);
        this.outputNames = List.copyOf(outputNames);
        this.state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    @Override
    public final String fusionId() {
        return fusionId;
    }

    @Override
    public final List<String> featureNames() {
        return features;
    }

    @Override
    public final List<String> outputNames() {
        return outputNames;
    }

    @Override
    public final Map<String, Object> state() {
        return state;
    }
}
