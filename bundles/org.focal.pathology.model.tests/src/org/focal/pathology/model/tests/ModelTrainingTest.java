package org.focal.pathology.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.Predictor;
import org.focal.core.learn.Trainer;
import org.focal.learn.FeatureSelector;
import org.focal.learn.SlideFusion;
import org.focal.pathology.model.LearnServices;
import org.focal.pathology.model.ModelTraining;
import org.focal.pathology.model.SlideRows;
import org.focal.pathology.model.TrainingOptions;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

/**
 * The back half of the pipeline on synthetic tile rows: cross-validation must repeat fusion and
 * selection inside each fold, so noise gives chance-level AUC (selection on all slides first
 * would leak and report a good AUC on pure noise) while a real difference is found.
 */
class ModelTrainingTest {

    static final List<String> NAMES = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");

    static LearnServices learn() {
        var ctx = Services.context();
        Services.await(Trainer.class, "(focal.classifier=xgboost)");
        Services.await(Trainer.class, "(focal.classifier=logistic)");
        Services.await(SlideFusion.class, "(focal.fusion=histogram)");
        Services.await(FeatureSelector.class, "(focal.selection=ks)");
        try {
            return new LearnServices(all(ctx, SlideFusion.class), all(ctx, FeatureSelector.class), all(ctx, Trainer.class),
                    all(ctx, Predictor.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static <T> List<T> all(org.osgi.framework.BundleContext ctx, Class<T> type) throws Exception {
        List<T> out = new ArrayList<>();
        for (var ref : ctx.getServiceReferences(type, null)) {
            out.add(ctx.getService(ref));
        }
        return out;
    }

    /** 60 slides of 30 tiles; in positives feature f3 is shifted by {@code shift} standard deviations. */
    static List<SlideRows> slides(double shift, List<String> labels, long seed) {
        Random r = new Random(seed);
        List<SlideRows> slides = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            boolean positive = s % 2 == 0;
            labels.add(positive ? "pos" : "neg");
            double[][] rows = new double[30][NAMES.size()];
            for (double[] row : rows) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = r.nextGaussian() + (positive && f == 3 ? shift : 0);
                }
            }
            slides.add(new SlideRows(Path.of("slide" + s), rows));
        }
        return slides;
    }

    @Test
    void noiseGivesChanceAucAndASignalIsFound() {
        for (String classifier : List.of("logistic", "xgboost")) {
            TrainingOptions options = new TrainingOptions("histogram:5", "ks:0.05", classifier, Map.of(), 5, 42, "pos");
            ModelTraining training = new ModelTraining(learn(), options);
            List<String> labels = new ArrayList<>();
            var noise = training.trainAnalysis(slides(0, labels, 1), labels, NAMES, null, ProgressMonitor.NULL);
            double chance = noise.model().metrics().get("cv_auc");
            assertTrue(chance < 0.75, classifier + ": AUC on pure noise " + chance + " means selection leaks into the folds");
            labels.clear();
            var signal = training.trainAnalysis(slides(0.8, labels, 2), labels, NAMES, null, ProgressMonitor.NULL);
            double auc = signal.model().metrics().get("cv_auc");
            assertTrue(auc > 0.9, classifier + ": AUC " + auc);
            for (String kept : signal.model().selection().names()) {
                assertTrue(kept.startsWith("f3@"), "selected " + kept);
            }
            assertEquals(List.of("neg", "pos"), signal.model().classes());
            assertEquals(1, signal.model().positive());
        }
    }

    @Test
    void wrongLabelsAreClearErrors() {
        ModelTraining training = new ModelTraining(learn(), TrainingOptions.defaults());
        List<String> labels = new ArrayList<>();
        List<SlideRows> slides = slides(0, labels, 3);
        List<String> one = labels.stream().map(l -> "tumour").toList();
        BadInputException e = assertThrows(BadInputException.class,
                () -> training.trainAnalysis(slides, one, NAMES, null, ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("exactly two labels") && e.getMessage().contains("tumour"), e.getMessage());
        List<String> three = new ArrayList<>(labels);
        three.set(0, "other");
        assertThrows(BadInputException.class, () -> training.trainAnalysis(slides, three, NAMES, null, ProgressMonitor.NULL));
        assertThrows(BadInputException.class, () -> new ModelTraining(learn(),
                new TrainingOptions("histogram:5", "ks:0.05", "svm-not-installed", Map.of(), 5, 1, null)));
        assertThrows(BadInputException.class, () -> new TrainingOptions("histogram:5", "ks:2", "xgboost", Map.of(), 5, 1, null));
        // classifier settings are checked before any slide is analysed
        for (String classifier : List.of("xgboost", "logistic")) {
            BadInputException typo = assertThrows(BadInputException.class, () -> new ModelTraining(learn(),
                    new TrainingOptions("histogram:5", "ks:0.05", classifier, Map.of("roundz", "3"), 5, 1, null)));
            assertTrue(typo.getMessage().contains("roundz"), typo.getMessage());
        }
    }
}
