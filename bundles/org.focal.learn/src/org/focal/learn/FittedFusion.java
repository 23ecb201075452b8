package org.focal.learn;

import java.util.List;
import java.util.Map;

/** A {@link SlideFusion} fitted on training slides. Immutable and thread-safe. */
public interface FittedFusion {

    /** Key of {@link #state()} that holds the fusion id. */
    String STATE_FUSION = "fusion";

    /** Key of {@link #state()} that holds the input feature names. */
    String STATE_FEATURES = "features";

    /** The fusion id ({@code histogram}, ...). */
    String fusionId();

    /** The input feature names, in column order. */
    List<String> featureNames();

    /**
     * Names of the values {@link #fuse} returns, in order; stable for a given state, e.g.
     * {@code nucleus.area.mean@hist2/5}, {@code nucleus.area.mean@mean}.
     */
    List<String> outputNames();

    /**
     * The slide vector of one slide, {@link #outputNames()} long.
     *
     * @param tileRows the slide's tile rows {@code [tiles][features]}; {@code NaN} values are ignored.
     *            A feature with no value on the slide gives {@code NaN} for all its outputs.
     * @throws org.focal.core.BadInputException when a row is not {@code featureNames().size()} wide
     */
    double[] fuse(double[][] tileRows);

    /**
     * Everything needed to rebuild this fusion with {@link SlideFusion#restore}, made only of
     * JSON-friendly values (String, Number, Boolean, List, Map), with the id under
     * {@link #STATE_FUSION} and the feature names under {@link #STATE_FEATURES}.
     */
    Map<String, Object> state();
}
