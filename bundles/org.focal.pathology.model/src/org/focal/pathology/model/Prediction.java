package org.focal.pathology.model;

import java.util.List;
import java.util.Map;

/**
 * An explained slide-level prediction, written as {@code result.json}.
 *
 * @param probability probability of {@code positiveClass}
 * @param subtype the subtype the router chose, null without routing
 * @param subtypeVotes tiles per subtype, empty without routing
 * @param topFeatures the fused elements that weigh most in the classifier, most important first
 * @param keyTiles tiles that show what drives the prediction, in level-0 pixels
 * @param roi bounding box of the analysed region {x, y, width, height} in level-0 pixels
 */
public record Prediction(String slide, int width, int height, String positiveClass, List<String> classes,
        double probability, String predictedClass, String subtype, Map<String, Integer> subtypeVotes, int tiles,
        double tissueFraction, int[] roi, Map<String, Double> modelMetrics, List<TopFeature> topFeatures,
        List<KeyTile> keyTiles) {

    /**
     * @param element fused element name, e.g. {@code nucleus.area.mean@hist5/5}
     * @param feature the tile feature it comes from
     * @param group feature group (tile, nucleus, spatial, ...)
     * @param importance share of the classifier's total importance (gain for XGBoost)
     * @param value the slide's value of the element
     */
    public record TopFeature(String element, String feature, String group, double importance, double value) {
    }

    /** A key tile: its rectangle, the feature that made it key, and why in words. */
    public record KeyTile(int x, int y, int width, int height, String feature, String group, double value, String reason) {
    }
}
