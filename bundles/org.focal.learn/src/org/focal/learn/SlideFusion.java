package org.focal.learn;

import java.util.List;
import java.util.Map;

import org.focal.core.plugin.FocalPlugin;

/**
 * Turns the N tile rows of F named features of one slide into one slide vector. DS service with
 * property {@code focal.fusion=<id>}; Focal ships {@code histogram}, {@code mean}, {@code max},
 * {@code pnorm} and {@code kmeans}. On the command line a fusion is written {@code id[:argument]},
 * e.g. {@code histogram:5}. Stateless and thread-safe; what is learned lives in the
 * {@link FittedFusion}.
 */
public interface SlideFusion extends FocalPlugin {

    /**
     * Learns what the fusion needs from the training slides (e.g. histogram bin edges).
     *
     * @param tileRowsPerSlide per training slide, its tile rows {@code [tiles][features]}, {@code NaN}
     *            where a value is undefined
     * @param featureNames names of the F columns; output names are built from them
     * @param argument what followed the colon ({@code "5"} in {@code histogram:5}); {@code null} or
     *            empty means the default
     * @throws org.focal.core.BadInputException for a bad argument or rows that are not F wide
     */
    FittedFusion fit(List<double[][]> tileRowsPerSlide, List<String> featureNames, String argument);

    /**
     * The fitted fusion {@link FittedFusion#state()} described, e.g. after a JSON round trip; its
     * {@code fuse} gives identical results.
     *
     * @throws org.focal.core.BadInputException when the state is not one of this fusion's
     */
    FittedFusion restore(Map<String, Object> state);
}
