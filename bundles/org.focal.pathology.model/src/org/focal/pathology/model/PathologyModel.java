package org.focal.pathology.model;

import java.util.List;
import java.util.Map;

/**
 * A trained whole-slide pipeline, stored as one JSON file: how slides are tiled and analysed,
 * which tile features exist, and one or more analysis models (fusion state, selected elements,
 * classifier bytes). With subtype routing, a patch-level router votes over a slide's tiles and the
 * majority subtype picks the analysis model. Every field needed to reproduce a prediction is here;
 * nothing is looked up from the training data later.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion the file layout version, {@link #FORMAT_VERSION}
 * @param version the model's own version (1 for a new model; retraining into the same file adds one)
 * @param created ISO-8601 time of training
 * @param focalVersion the Focal version that trained it
 * @param tiling tiling used for training, reused for prediction
 * @param stains "ruifrok", "estimate" or explicit vectors
 * @param segmenter nucleus segmenter id
 * @param features tile feature names, in row order
 * @param featureGroups group of each tile feature
 * @param router the subtype router, or null when there is a single analysis model
 * @param models analysis models: one with {@code subtype == null}, or one per router subtype
 */
public record PathologyModel(String format, int formatVersion, int version, String created, String focalVersion,
        Tiling tiling, String stains, String segmenter, List<String> features, List<String> featureGroups,
        Router router, List<AnalysisModel> models) {

    public static final String FORMAT = "focal-pathology-model";
    public static final int FORMAT_VERSION = 1;

    /** Tiling settings as stored. */
    public record Tiling(int tileSize, double magnification, double minTissue, int sample, long seed,
            Double fallbackPixelSizeUm) {
    }

    /**
     * A slide classifier.
     *
     * @param subtype the subtype it serves, null without routing
     * @param classes class names, index = class id
     * @param positive index of the class whose probability is reported
     * @param fusion the fitted fusion's state ({@code org.focal.learn.FittedFusion#state()})
     * @param fusionSpec as given on the command line, e.g. {@code histogram:5}
     * @param selection which fused elements the classifier sees
     * @param classifier the classifier and its bytes
     * @param metrics cross-validated figures (cv_auc, ...)
     * @param slidesPerClass training slides per class name
     */
    public record AnalysisModel(String subtype, List<String> classes, int positive, Map<String, Object> fusion,
            String fusionSpec, SelectionState selection, ClassifierState classifier, Map<String, Double> metrics,
            Map<String, Integer> slidesPerClass) {
    }

    /**
     * @param method selector id (ks, mwu, ttest, anova)
     * @param kept indices of kept fused elements, ascending
     * @param names names of the kept elements
     * @param pValues p-value of each kept element
     * @param fallback true when no element passed the threshold and the best few were kept
     */
    public record SelectionState(String method, double threshold, int[] kept, List<String> names, double[] pValues,
            boolean fallback) {
    }

    /**
     * @param id trainer/predictor id (xgboost, logistic)
     * @param parameters training parameters given by the user
     * @param model the trainer's bytes
     * @param metrics the trainer's own metrics (e.g. rounds chosen by early stopping)
     */
    public record ClassifierState(String id, Map<String, String> parameters, byte[] model, Map<String, Double> metrics) {
    }

    /**
     * Patch-level subtype classifier over the raw tile features.
     *
     * @param subtypes subtype names, index = class id of the classifier
     * @param tilesPerSubtype training tiles per subtype
     */
    public record Router(List<String> subtypes, ClassifierState classifier, Map<String, Integer> tilesPerSubtype) {
    }

    /** The analysis model for a subtype (null = the single model). */
    public AnalysisModel model(String subtype) {
        for (AnalysisModel m : models) {
            if (java.util.Objects.equals(m.subtype(), subtype)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no analysis model for subtype " + subtype);
    }
}
