package org.focal.pathology.model.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.learn.PredictorRegistry;
import org.focal.core.learn.TrainerRegistry;
import org.focal.learn.FusionRegistry;
import org.focal.learn.SelectorRegistry;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.SegmenterRegistry;
import org.focal.pathology.TileFeatureRegistry;
import org.focal.pathology.model.LearnServices;
import org.focal.pathology.model.ModelFile;
import org.focal.pathology.model.ModelTraining;
import org.focal.pathology.model.PathologyModel;
import org.focal.pathology.model.PathologyPipeline;
import org.focal.pathology.model.Prediction;
import org.focal.pathology.model.SlideLabels;
import org.focal.pathology.model.SlideModelTraining;
import org.focal.pathology.model.SlidePrediction;
import org.focal.pathology.model.TrainingOptions;
import org.focal.pathology.model.report.SlideReport;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileFeatures;
import org.focal.pathology.slide.TissueMask;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = PathologyPipeline.class)
public final class PathologyPipelineImpl implements PathologyPipeline {

    private final ReaderRegistry readers;
    private final SegmenterRegistry segmenters;
    private final TileFeatureRegistry tileFeatures;
    private final FusionRegistry fusions;
    private final SelectorRegistry selectors;
    private final TrainerRegistry trainers;
    private final PredictorRegistry predictors;

    @Activate
    public PathologyPipelineImpl(@Reference ReaderRegistry readers, @Reference SegmenterRegistry segmenters,
            @Reference TileFeatureRegistry tileFeatures, @Reference FusionRegistry fusions, @Reference SelectorRegistry selectors,
            @Reference TrainerRegistry trainers, @Reference PredictorRegistry predictors) {
        this.readers = readers;
        this.segmenters = segmenters;
        this.tileFeatures = tileFeatures;
        this.fusions = fusions;
        this.selectors = selectors;
        this.trainers = trainers;
        this.predictors = predictors;
    }

    @Override
    public SlideAnalysis analysis(String segmenterId) {
        if (tileFeatures.all().isEmpty()) {
            throw new BadInputException("no tile feature extractors are installed");
        }
        return new SlideAnalysis(segmenters.get(segmenterId), new TileFeatures(tileFeatures.all()));
    }

    @Override
    public LearnServices learn() {
        return new LearnServices(fusions.all(), selectors.all(), trainers.all(), predictors.all());
    }

    @Override
    public ModelFile.Installed installed() {
        return new ModelFile.Installed(learn(), new TileFeatures(tileFeatures.all()).names(),
                segmenters.all().stream().map(NucleusSegmenter::id).collect(Collectors.toSet()));
    }

    @Override
    public SlideAnalysis.Result analyse(SlideAnalysis analysis, Path slide, TissueMask.Region roi, SlideAnalysis.Settings settings,
            ProgressMonitor progress) throws IOException {
        try (ImageSource source = readers.open(slide)) {
            return analysis.run(slide, source, roi, settings, progress);
        }
    }

    @Override
    public SlideModelTraining.Result train(List<SlideLabels.Entry> entries, List<String> subtypes, TrainingOptions options,
            SlideAnalysis.Settings settings, String segmenterId, ProgressMonitor progress) throws IOException {
        ModelTraining trainer = new ModelTraining(learn(), options); // checks the plugin ids before hours of features
        SlideAnalysis analysis = analysis(segmenterId);
        return SlideModelTraining.run(trainer, entries, subtypes, analysis, settings, segmenterId, version(),
                slide -> analyse(analysis, slide, null, settings, ProgressMonitor.NULL), progress);
    }

    @Override
    public Prediction predict(Path slide, PathologyModel model, Path modelFile, TissueMask.Region roi, SlideAnalysis.Settings settings,
            Path reportDir, ProgressMonitor progress) throws IOException {
        if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
            throw BadInputException.forFile(reportDir, "exists and is not a folder");
        }
        SlideAnalysis analysis = analysis(model.segmenter());
        // one open serves the analysis and the report's thumbnail (its tiles are still cached)
        try (ImageSource source = readers.open(slide)) {
            SlideAnalysis.Result result = analysis.run(slide, source, roi, settings, progress);
            Prediction prediction = new SlidePrediction(learn()).predict(model, modelFile, result);
            Files.createDirectories(reportDir);
            SlideReport.write(prediction, result, source, reportDir);
            return prediction;
        }
    }

    private static String version() {
        var bundle = FrameworkUtil.getBundle(PathologyPipelineImpl.class);
        return bundle == null ? "dev" : bundle.getVersion().toString();
    }
}
