package org.focal.models.tiles.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Task;
import org.focal.core.image.ImageSource;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.PredictorRegistry;
import org.focal.core.learn.TrainedModel;
import org.focal.core.learn.Trainer;
import org.focal.core.learn.TrainerRegistry;
import org.focal.learn.FittedFusion;
import org.focal.learn.FusionRegistry;
import org.focal.learn.SlideFusion;
import org.focal.models.AnnotationPredictor;
import org.focal.models.AnnotationTrainer;
import org.focal.models.ModelArtefact;
import org.focal.models.TrainingImage;
import org.focal.pathology.SegmenterRegistry;
import org.focal.pathology.TileFeatureRegistry;
import org.focal.pathology.slide.NoTissueException;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileFeatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Image classification from the pathology pipeline's tile features, the annotation loop's first
 * trainer that needs no deep learning: an image is tiled at the analysis magnification, every
 * tile gives the 101 tile/nucleus/spatial features, a fusion turns the tile rows into one vector
 * per image, and a classifier plugin (XGBoost, MLP or logistic) learns the image labels. The
 * prediction is one image label with the classifier's probability as its confidence.
 */
@Component(service = {AnnotationTrainer.class, AnnotationPredictor.class})
public final class TileClassifier implements AnnotationTrainer, AnnotationPredictor {

    public static final String ID = "tile-features";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model's own data inside the model file. */
    record Payload(List<String> featureNames, String segmenter, Map<String, Object> fusion, String classifier, String classifierModel) {
    }

    private final SegmenterRegistry segmenters;
    private final TileFeatureRegistry tileFeatures;
    private final FusionRegistry fusions;
    private final TrainerRegistry trainers;
    private final PredictorRegistry predictors;

    @Activate
    public TileClassifier(@Reference SegmenterRegistry segmenters, @Reference TileFeatureRegistry tileFeatures,
            @Reference FusionRegistry fusions, @Reference TrainerRegistry trainers, @Reference PredictorRegistry predictors) {
        this.segmenters = segmenters;
        this.tileFeatures = tileFeatures;
        this.fusions = fusions;
        this.trainers = trainers;
        this.predictors = predictors;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public void checkParameters(Map<String, String> parameters) {
        TileClassifierSettings s = TileClassifierSettings.parse(parameters);
        fusions.get(s.fusionId());
        trainers.get(s.classifier()).checkParameters(s.classifierParameters());
    }

    @Override
    public ModelArtefact train(List<TrainingImage> images, List<String> labels, Map<String, String> parameters,
            ProgressMonitor monitor) {
        checkParameters(parameters);
        TileClassifierSettings s = TileClassifierSettings.parse(parameters);
        SlideAnalysis analysis = analysis();
        List<double[][]> rows = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int unlabelled = 0;
        int noTissue = 0;
        monitor.begin("Tile features of " + images.size() + " images", images.size());
        for (TrainingImage image : images) {
            monitor.checkCanceled();
            Integer label = imageLabel(image, labels);
            if (label == null) {
                unlabelled++;
            } else {
                try (ImageSource source = image.image().open()) {
                    rows.add(analysis.run(image.path(), source, null, settings(s), ProgressMonitor.NULL).rows());
                    classes.add(label);
                } catch (NoTissueException e) {
                    noTissue++;
                } catch (IOException e) {
                    throw BadInputException.forFile(image.path(), "cannot read the image: " + e.getMessage(), e);
                }
            }
            monitor.worked(1);
        }
        monitor.done();
        long present = classes.stream().distinct().count();
        if (present < 2) {
            throw new BadInputException("training needs images of at least two labels with an accepted or corrected image label; found "
                    + present + " label(s) on " + classes.size() + " usable images (" + unlabelled + " without a label, " + noTissue
                    + " without a tile of enough tissue)");
        }
        FittedFusion fusion = fusions.get(s.fusionId()).fit(rows, analysis.features().names(), s.fusionArgument());
        double[][] x = rows.stream().map(fusion::fuse).toArray(double[][]::new);
        int[] y = classes.stream().mapToInt(Integer::intValue).toArray();
        Trainer trainer = trainers.get(s.classifier());
        TrainedModel trained = trainer.train(x, y, labels.size(), s.classifierParameters(), monitor);
        Map<String, Double> metrics = new LinkedHashMap<>(trained.metrics());
        metrics.put("train_images", (double) y.length);
        metrics.put("skipped_no_tissue", (double) noTissue);
        Payload payload = new Payload(analysis.features().names(), segmenter().id(), fusion.state(), trainer.id(),
                Base64.getEncoder().encodeToString(trained.model()));
        try {
            return new ModelArtefact(ID, Task.CLASSIFICATION, labels, s.asParameters(), metrics, JSON.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index of the image's one confirmed image label among {@code labels}, or null. */
    private static Integer imageLabel(TrainingImage image, List<String> labels) {
        List<Integer> found = image.annotations().stream().filter(a -> a.kind() == AnnotationKind.IMAGE_LABEL)
                .map(a -> labels.indexOf(a.label())).filter(i -> i >= 0).distinct().toList();
        return found.size() == 1 ? found.get(0) : null;
    }

    @Override
    public void check(ModelArtefact model) {
        Loaded loaded = load(model);
        List<String> installed = analysis().features().names();
        if (!installed.equals(loaded.payload.featureNames())) {
            throw new BadInputException("the model was trained on other tile features than the installed extractors compute ("
                    + loaded.payload.featureNames().size() + " vs " + installed.size() + "); retrain it");
        }
        int width = loaded.fusion.outputNames().size();
        double[][] probe = loaded.predictor.predict(loaded.classifierModel, new double[][] {new double[width]});
        if (probe.length != 1 || probe[0].length != model.labels().size()) {
            throw new BadInputException("the classifier gives " + (probe.length == 1 ? probe[0].length : 0) + " classes for "
                    + model.labels().size() + " labels");
        }
    }

    private record Loaded(Payload payload, FittedFusion fusion, Predictor predictor, byte[] classifierModel) {
    }

    private Loaded load(ModelArtefact model) {
        if (!ID.equals(model.trainer()) || model.task() != Task.CLASSIFICATION) {
            throw new BadInputException("not a tile-features classification model (trainer " + model.trainer() + ", task "
                    + model.task().cliName() + ")");
        }
        try {
            Payload p = JSON.readValue(model.payload(), new TypeReference<Payload>() {
            });
            if (p.featureNames() == null || p.fusion() == null || p.classifier() == null || p.classifierModel() == null) {
                throw new BadInputException("the tile-features model lacks its features, fusion or classifier");
            }
            SlideFusion fusion = fusions.get(String.valueOf(p.fusion().get(FittedFusion.STATE_FUSION)));
            return new Loaded(p, fusion.restore(p.fusion()), predictors.get(p.classifier()),
                    Base64.getDecoder().decode(p.classifierModel()));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("the tile-features model cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Annotation> predict(ModelArtefact model, AnnotationSource source, Path path, ImageSource image, ProgressMonitor monitor)
            throws IOException {
        Loaded loaded = load(model);
        TileClassifierSettings s = TileClassifierSettings.parse(model.parameters());
        double[][] rows;
        try {
            rows = analysis().run(path, image, null, settings(s), monitor).rows();
        } catch (NoTissueException e) {
            return List.of(); // nothing to say about an image without tissue: it stays for a person
        }
        double[] p = loaded.predictor.predict(loaded.classifierModel, new double[][] {loaded.fusion.fuse(rows)})[0];
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        if (!Double.isFinite(p[best])) {
            throw new BadInputException("the classifier gave no finite probability; the model is broken");
        }
        return List.of(Annotation.predicted(AnnotationKind.IMAGE_LABEL, null, ImagePlane.DEFAULT, model.labels().get(best), source,
                Math.max(0, Math.min(1, p[best]))));
    }

    private SlideAnalysis analysis() {
        if (tileFeatures.all().isEmpty()) {
            throw new BadInputException("no tile feature extractors are installed");
        }
        return new SlideAnalysis(segmenter(), new TileFeatures(tileFeatures.all()));
    }

    private org.focal.pathology.NucleusSegmenter segmenter() {
        return segmenters.get("classical");
    }

    private static SlideAnalysis.Settings settings(TileClassifierSettings s) {
        return SlideAnalysis.Settings.defaults().withTiling(s.tiling()).withStains(s.stains());
    }
}
