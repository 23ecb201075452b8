package org.focal.pathology.model;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.focal.learn.FittedFusion;
import org.focal.pathology.StainVectors;
import org.focal.pathology.slide.TilingSettings;

/**
 * Checks a whole {@link PathologyModel} as read from a file, so that a tampered or damaged file is
 * refused before any slide is analysed, with one line {@code FILE: problem (field path)}. This
 * class checks the model file's own fields; every plugin checks its own state (a fusion in
 * {@code SlideFusion.restore}, a classifier in {@link Predictor#check}) and this class says where
 * in the file that state is and what it must fit (feature names, fused width, classes).
 */
final class ModelValidation {

    /** Largest pixel size a model may assume for uncalibrated images (1 mm per pixel). */
    private static final double MAX_PIXEL_SIZE_UM = 1000;

    private final Path file;
    private final PathologyModel model;
    private final ModelFile.Installed installed;

    /** @param installed what is installed, or null to check only the file's own fields */
    ModelValidation(Path file, PathologyModel model, ModelFile.Installed installed) {
        this.file = file;
        this.model = model;
        this.installed = installed;
    }

    /** The file's own fields: present, of sane sizes and ranges, consistent with each other. */
    void checkOwnFields() {
        require(model.formatVersion() >= 1, "formatVersion", "format version " + model.formatVersion() + " is not valid");
        require(model.version() >= 1, "version", "model version " + model.version() + " is not valid");
        PathologyModel.Tiling t = require(model.tiling(), "tiling");
        run("tiling", () -> new TilingSettings(t.tileSize(), t.magnification(), t.minTissue(), t.sample(), t.seed(), Double.NaN));
        Double fallback = t.fallbackPixelSizeUm();
        require(fallback == null || fallback > 0 && fallback <= MAX_PIXEL_SIZE_UM, "tiling.fallbackPixelSizeUm",
                "pixel size " + fallback + " um is not between 0 and " + MAX_PIXEL_SIZE_UM);
        String stains = require(model.stains(), "stains");
        run("stains", () -> {
            StainVectors s = StainVectors.fromOption(stains);
            if (s != null) {
                s.inverse();
            }
        });
        require(model.segmenter(), "segmenter");
        names(model.features(), "features", true);
        List<String> groups = require(model.featureGroups(), "featureGroups");
        require(groups.size() == model.features().size(), "featureGroups",
                groups.size() + " groups for " + model.features().size() + " features");
        names(groups, "featureGroups", false);
        List<PathologyModel.AnalysisModel> models = require(model.models(), "models");
        require(!models.isEmpty(), "models", "no analysis models");
        PathologyModel.Router router = model.router();
        if (router == null) {
            require(models.size() == 1 && models.get(0) != null && models.get(0).subtype() == null, "models",
                    "without a router there must be exactly one analysis model without subtype");
        } else {
            names(router.subtypes(), "router.subtypes", true);
            require(router.subtypes().size() >= 2, "router.subtypes", "a router needs at least two subtypes");
            classifierFields(router.classifier(), "router.classifier");
            require(models.size() == router.subtypes().size(), "models",
                    models.size() + " analysis models for " + router.subtypes().size() + " subtypes");
        }
        Set<String> subtypes = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String at = "models[" + i + "]";
            PathologyModel.AnalysisModel m = require(models.get(i), at);
            if (router != null) {
                require(router.subtypes().contains(m.subtype()) && subtypes.add(m.subtype()), at + ".subtype",
                        "'" + m.subtype() + "' is not a router subtype, or has a second analysis model");
            }
            analysisFields(m, at);
        }
        if (router != null) {
            counts(router.tilesPerSubtype(), router.subtypes(), "router.tilesPerSubtype");
        }
    }

    /** Everything: the file's own fields, then each part against the installed plugins. */
    void check() {
        checkOwnFields();
        Set<String> segmenters = installed.segmenters();
        require(segmenters.contains(model.segmenter()), "segmenter", "segmenter '" + model.segmenter()
                + "' is not installed (installed: " + String.join(", ", segmenters.stream().sorted().toList()) + ")");
        features();
        PathologyModel.Router router = model.router();
        if (router != null) {
            classifier(router.classifier(), "router.classifier", model.features().size(), router.subtypes().size());
        }
        for (int i = 0; i < model.models().size(); i++) {
            analysis(model.models().get(i), "models[" + i + "]");
        }
    }

    /** The model's tile features must be exactly those the installed extractors produce now, in order. */
    private void features() {
        List<String> mine = model.features();
        List<String> now = installed.features();
        if (mine.equals(now)) {
            return;
        }
        int i = 0;
        while (i < mine.size() && i < now.size() && mine.get(i).equals(now.get(i))) {
            i++;
        }
        String difference = i < mine.size() && i < now.size() ? "feature " + i + " is '" + mine.get(i) + "', installed '"
                + now.get(i) + "'" : mine.size() + " features, installed " + now.size();
        throw bad("features" + (i < mine.size() ? "[" + i + "]" : ""), "the model's tile features differ from the installed "
                + "feature extractors' (" + difference + "); install the feature plugins it was trained with");
    }

    private void analysisFields(PathologyModel.AnalysisModel m, String at) {
        names(m.classes(), at + ".classes", true);
        require(m.classes().size() >= 2, at + ".classes", "a classifier needs at least two classes");
        require(m.positive() >= 0 && m.positive() < m.classes().size(), at + ".positive",
                "positive class " + m.positive() + " is not one of the " + m.classes().size() + " classes");
        require(m.fusion(), at + ".fusion");
        String spec = require(m.fusionSpec(), at + ".fusionSpec");
        require(!spec.isBlank(), at + ".fusionSpec", "empty fusion");
        PathologyModel.SelectionState s = require(m.selection(), at + ".selection");
        require(s.method() != null && !s.method().isBlank(), at + ".selection.method", "no selection method");
        require(s.threshold() > 0 && s.threshold() <= 1, at + ".selection.threshold",
                "threshold " + s.threshold() + " is not a p-value above 0");
        int[] kept = require(s.kept(), at + ".selection.kept");
        require(kept.length > 0, at + ".selection.kept", "no fused element is kept");
        for (int k = 0; k < kept.length; k++) {
            require(kept[k] >= 0, at + ".selection.kept[" + k + "]", "index " + kept[k] + " is negative");
        }
        List<String> names = require(s.names(), at + ".selection.names");
        require(names.size() == kept.length, at + ".selection.names", names.size() + " names for " + kept.length + " kept elements");
        double[] p = require(s.pValues(), at + ".selection.pValues");
        require(p.length == kept.length, at + ".selection.pValues", p.length + " p-values for " + kept.length + " kept elements");
        for (int k = 0; k < p.length; k++) {
            require(p[k] >= 0 && p[k] <= 1, at + ".selection.pValues[" + k + "]", "p-value " + p[k] + " is not in [0, 1]");
        }
        classifierFields(m.classifier(), at + ".classifier");
        metrics(m.metrics(), at + ".metrics");
        counts(m.slidesPerClass(), m.classes(), at + ".slidesPerClass");
    }

    /** An analysis model against the installed plugins and the model's features. */
    private void analysis(PathologyModel.AnalysisModel m, String at) {
        String fusionId = m.fusionSpec().split(":", 2)[0];
        var plugin = get(at + ".fusionSpec", () -> installed.learn().fusion(fusionId));
        FittedFusion fusion = get(at + ".fusion", () -> plugin.restore(m.fusion()));
        require(fusion.featureNames().equals(model.features()), at + ".fusion.features",
                "the fusion's feature names differ from the model's features");
        List<String> fused = fusion.outputNames();
        int[] kept = m.selection().kept();
        for (int k = 0; k < kept.length; k++) {
            require(kept[k] < fused.size(), at + ".selection.kept[" + k + "]",
                    "index " + kept[k] + " is outside the " + fused.size() + " fused elements");
            require(k == 0 || kept[k] > kept[k - 1], at + ".selection.kept[" + k + "]",
                    "index " + kept[k] + " is not above the one before");
            require(fused.get(kept[k]).equals(m.selection().names().get(k)), at + ".selection.names[" + k + "]",
                    "'" + m.selection().names().get(k) + "' is not fused element " + kept[k] + " ('" + fused.get(kept[k]) + "')");
        }
        classifier(m.classifier(), at + ".classifier", kept.length, m.classes().size());
    }

    private void classifierFields(PathologyModel.ClassifierState c, String at) {
        require(c, at);
        require(c.id(), at + ".id");
        byte[] bytes = require(c.model(), at + ".model");
        require(bytes.length > 0, at + ".model", "no classifier bytes");
        require(c.parameters(), at + ".parameters");
        metrics(c.metrics(), at + ".metrics");
    }

    /** The classifier's own check of its bytes, for this input width and number of classes. */
    private void classifier(PathologyModel.ClassifierState c, String at, int columns, int classes) {
        Predictor predictor = get(at + ".id", () -> installed.learn().predictor(c.id()));
        run(at + ".model", () -> predictor.check(c.model(), columns, classes));
    }

    /** Reported figures: numbers (NaN allowed: an AUC that could not be computed), never infinite. */
    private void metrics(Map<String, Double> metrics, String at) {
        require(metrics, at);
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            require(e.getValue() != null && !e.getValue().isInfinite(), at + "." + e.getKey(),
                    "metric " + e.getKey() + " is " + e.getValue());
        }
    }

    /** Training counts by name: known names, counts >= 0. */
    private void counts(Map<String, Integer> counts, List<String> known, String at) {
        require(counts, at);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            require(known.contains(e.getKey()), at + "." + e.getKey(), "'" + e.getKey() + "' is not one of " + known);
            require(e.getValue() != null && e.getValue() >= 0, at + "." + e.getKey(), "count " + e.getValue() + " is not >= 0");
        }
    }

    /** A list of non-blank names; {@code unique}: no name twice. */
    private void names(List<String> names, String at, boolean unique) {
        require(names, at);
        require(!names.isEmpty(), at, "empty list");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            require(n != null && !n.isBlank(), at + "[" + i + "]", "blank name");
            require(!unique || seen.add(n), at + "[" + i + "]", "'" + n + "' appears twice");
        }
    }

    private <T> T require(T value, String at) {
        if (value == null) {
            throw bad(at, "missing");
        }
        return value;
    }

    private void require(boolean ok, String at, String problem) {
        if (!ok) {
            throw bad(at, problem);
        }
    }

    /** Runs a plugin's own check; its one-line message gets the file and the field. */
    private <T> T get(String at, Supplier<T> check) {
        try {
            return check.get();
        } catch (BadInputException e) {
            throw bad(at, e.getMessage());
        }
    }

    private void run(String at, Runnable check) {
        get(at, () -> {
            check.run();
            return null;
        });
    }

    private BadInputException bad(String at, String problem) {
        return BadInputException.forFile(file, problem + " (" + at + ")");
    }
}
