package org.focal.core.plugin;

import java.util.List;

/**
 * The kinds of plugin services Focal knows, by service interface name, in the order front ends
 * list them. Names rather than classes so that kinds defined outside the core (such as CLI
 * commands) appear in the same table.
 */
public record PluginKind(String key, String label, String serviceInterface) {

    public static final List<PluginKind> ALL = List.of(
            new PluginKind("commands", "commands", "org.focal.cli.FocalCommand"),
            new PluginKind("imageReaders", "image readers", "org.focal.core.image.ImageReader"),
            new PluginKind("scenarios", "scenarios", "org.focal.core.scenario.Scenario"),
            new PluginKind("annotationTools", "annotation tools", AnnotationTool.class.getName()),
            new PluginKind("featureExtractors", "feature extractors", "org.focal.core.learn.FeatureExtractor"),
            new PluginKind("segmenters", "nucleus segmenters", "org.focal.pathology.NucleusSegmenter"),
            new PluginKind("tileFeatures", "tile feature extractors", "org.focal.pathology.TileFeatureExtractor"),
            new PluginKind("fusions", "slide fusions", "org.focal.learn.SlideFusion"),
            new PluginKind("featureSelectors", "feature selectors", "org.focal.learn.FeatureSelector"),
            new PluginKind("trainers", "trainers", "org.focal.core.learn.Trainer"),
            new PluginKind("predictors", "predictors", "org.focal.core.learn.Predictor"),
            new PluginKind("exporters", "exporters", "org.focal.core.export.Exporter"),
            new PluginKind("importers", "importers", "org.focal.core.export.Importer"));
}
