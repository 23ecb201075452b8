package org.focal.pathology.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.ProgressMonitor;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TilingSettings;
import org.focal.pathology.slide.TissueMask;

/**
 * The whole-slide pipeline's use cases with the plugins installed now, for the command line and
 * the workbench alike: analyse slides, train a slide model, predict a slide with its report.
 */
public interface PathologyPipeline {

    /** The analysis with the given segmenter and every installed tile feature extractor. */
    SlideAnalysis analysis(String segmenterId);

    /** The learning plugins installed now. */
    LearnServices learn();

    /** What a model file is checked against: learning plugins, tile features and segmenters installed now. */
    ModelFile.Installed installed();

    /** Opens and analyses one slide; an unreadable file is a {@link org.focal.core.BadInputException}. */
    SlideAnalysis.Result analyse(SlideAnalysis analysis, Path slide, TissueMask.Region roi, SlideAnalysis.Settings settings,
            ProgressMonitor progress) throws IOException;

    /** Tile features of every labelled slide, then the slide model (with a subtype router when {@code subtypes} is not null). */
    SlideModelTraining.Result train(List<SlideLabels.Entry> entries, List<String> subtypes, TrainingOptions options,
            SlideAnalysis.Settings settings, String segmenterId, ProgressMonitor progress) throws IOException;

    /**
     * An explained prediction of one slide with a model checked by {@link ModelFile#load}; writes the
     * report folder (result.json, thumbnail.png, importance.png, report.html) into {@code reportDir}.
     */
    Prediction predict(Path slide, PathologyModel model, Path modelFile, TissueMask.Region roi, SlideAnalysis.Settings settings,
            Path reportDir, ProgressMonitor progress) throws IOException;

    /** The analysis settings a model was trained with; {@code pixelSizeUm} overrides the model's fallback pixel size when given. */
    static SlideAnalysis.Settings settingsFor(PathologyModel model, Double pixelSizeUm, int threads) {
        PathologyModel.Tiling t = model.tiling();
        double fallback = pixelSizeUm != null ? pixelSizeUm : t.fallbackPixelSizeUm() == null ? Double.NaN : t.fallbackPixelSizeUm();
        return SlideAnalysis.Settings.defaults()
                .withTiling(new TilingSettings(t.tileSize(), t.magnification(), t.minTissue(), t.sample(), t.seed(), fallback))
                .withStains(model.stains())
                .withThreads(threads);
    }
}
