package org.focal.pathology.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.learn.TrainedModel;
import org.focal.learn.CrossValidation;
import org.focal.learn.FittedFusion;
import org.focal.learn.Metrics;
import org.focal.learn.Selection;

/**
 * Trains the back half of the pipeline on slides whose tile features are computed: fusion (fitted
 * on the training slides), selection, classifier; and, with subtypes, the patch-level router.
 * Cross-validation repeats the whole back half on every fold (fusion ranges and selection are
 * learned inside the fold), so the reported AUC is that of the pipeline, not only of the
 * classifier.
 */
public final class ModelTraining {

    /** A trained analysis model plus its out-of-fold scores (for reports and tests). */
    public record Trained(PathologyModel.AnalysisModel model, double[] outOfFoldScores, int[] labels) {
    }

    private final LearnServices learn;
    private final TrainingOptions options;

    public ModelTraining(LearnServices learn, TrainingOptions options) {
        this.learn = learn;
        this.options = options;
        // fail before hours of feature extraction when an id is wrong
        learn.fusion(options.fusionId());
        learn.selector(options.selectionId());
        learn.trainer(options.classifier()).checkParameters(options.classifierParameters());
        learn.predictor(options.classifier());
    }

    /**
     * A binary slide classifier.
     *
     * @param subtype recorded in the model, null without routing
     * @param labels one label per slide, exactly two distinct values
     */
    public Trained trainAnalysis(List<SlideRows> slides, List<String> labels, List<String> featureNames, String subtype,
            ProgressMonitor monitor) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() != 2) {
            throw new BadInputException("a slide classifier needs exactly two labels" + (subtype == null ? "" : " for subtype " + subtype)
                    + ", found " + classes.size() + (classes.isEmpty() ? "" : " (" + String.join(", ", classes) + ")"));
        }
        int positive = options.positive() == null ? 1 : classes.indexOf(options.positive());
        if (positive < 0) {
            throw new BadInputException("--positive " + options.positive() + " is not one of the labels " + String.join(", ", classes));
        }
        int[] y = new int[labels.size()];
        Map<String, Integer> perClass = new TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            // class 1 is always the positive class for the classifier
            y[i] = classes.indexOf(labels.get(i)) == positive ? 1 : 0;
            perClass.merge(labels.get(i), 1, Integer::sum);
        }
        List<String> ordered = positive == 1 ? classes : List.of(classes.get(1), classes.get(0));
        int minority = Math.min(perClass.get(classes.get(0)), perClass.get(classes.get(1)));
        int folds = Math.min(options.folds(), minority);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[] oof = new double[y.length];
        Arrays.fill(oof, Double.NaN);
        String what = subtype == null ? "" : " (" + subtype + ")";
        if (folds >= 2) {
            int[][] split = CrossValidation.stratifiedFolds(y, folds, options.seed());
            monitor.begin("Cross-validating" + what + ", " + folds + " folds", folds);
            double[] foldAuc = new double[folds];
            for (int f = 0; f < folds; f++) {
                monitor.checkCanceled();
                int[] train = CrossValidation.trainIndices(split, f);
                Fitted fitted = fit(pick(slides, train), CrossValidation.labels(y, train), featureNames, ProgressMonitor.NULL);
                double[] scores = new double[split[f].length];
                for (int k = 0; k < split[f].length; k++) {
                    int i = split[f][k];
                    scores[k] = fitted.score(slides.get(i).rows());
                    oof[i] = scores[k];
                }
                foldAuc[f] = Metrics.auc(scores, CrossValidation.labels(y, split[f]));
                monitor.worked(1);
            }
            monitor.done();
            metrics.put("cv_auc", Metrics.auc(oof, y));
            metrics.put("cv_auc_fold_mean", mean(foldAuc));
            metrics.put("cv_auc_fold_std", std(foldAuc));
            metrics.put("cv_folds", (double) folds);
        }
        monitor.begin("Training the final model" + what, 1);
        Fitted fitted = fit(slides, y, featureNames, monitor);
        monitor.done();
        metrics.put("slides", (double) slides.size());
        metrics.put("selected_elements", (double) fitted.selection.kept().length);
        metrics.put("fused_elements", (double) fitted.fusion.outputNames().size());
        List<String> fused = fitted.fusion.outputNames();
        double[] p = new double[fitted.selection.kept().length];
        for (int k = 0; k < p.length; k++) {
            p[k] = fitted.selection.pValues()[fitted.selection.kept()[k]];
        }
        PathologyModel.SelectionState selection = new PathologyModel.SelectionState(options.selectionId(),
                options.selectionThreshold(), fitted.selection.kept(), fitted.selection.apply(fused), p,
                fitted.selection.fallback());
        PathologyModel.ClassifierState classifier = new PathologyModel.ClassifierState(options.classifier(),
                options.classifierParameters(), fitted.classifier.model(), fitted.classifier.metrics());
        PathologyModel.AnalysisModel model = new PathologyModel.AnalysisModel(subtype, ordered, 1,
                fitted.fusion.state(), options.fusion(), selection, classifier, metrics, perClass);
        return new Trained(model, oof, y);
    }

    /**
     * The patch-level subtype router: every tile of a subtype slide is a sample labelled with its
     * slide's subtype (cross-entropy objective of the classifier). Also estimates, with folds over
     * slides (never tiles of one slide on both sides), how often the majority vote picks the right
     * subtype.
     */
    public PathologyModel.Router trainRouter(List<SlideRows> slides, List<String> subtypes, List<String> names,
            Map<String, Double> metricsOut, ProgressMonitor monitor) {
        int[] slideClass = new int[slides.size()];
        Map<String, Integer> tilesPer = new TreeMap<>();
        for (int i = 0; i < slides.size(); i++) {
            slideClass[i] = names.indexOf(subtypes.get(i));
            tilesPer.merge(subtypes.get(i), slides.get(i).rows().length, Integer::sum);
        }
        int minority = Integer.MAX_VALUE;
        for (int c = 0; c < names.size(); c++) {
            int count = 0;
            for (int s : slideClass) {
                count += s == c ? 1 : 0;
            }
            minority = Math.min(minority, count);
        }
        int folds = Math.min(options.folds(), minority);
        if (folds >= 2) {
            int[][] split = CrossValidation.stratifiedFolds(slideClass, folds, options.seed());
            int correct = 0;
            monitor.begin("Cross-validating the subtype router, " + folds + " folds", folds);
            for (int f = 0; f < folds; f++) {
                monitor.checkCanceled();
                int[] train = CrossValidation.trainIndices(split, f);
                byte[] router = trainTiles(pick(slides, train), CrossValidation.labels(slideClass, train), names.size(),
                        ProgressMonitor.NULL).model();
                for (int i : split[f]) {
                    correct += majority(votes(router, slides.get(i).rows(), names.size())) == slideClass[i] ? 1 : 0;
                }
                monitor.worked(1);
            }
            monitor.done();
            metricsOut.put("router_cv_vote_accuracy", correct / (double) slides.size());
        }
        monitor.begin("Training the subtype router", 1);
        TrainedModel router = trainTiles(slides, slideClass, names.size(), monitor);
        monitor.done();
        return new PathologyModel.Router(List.copyOf(names), new PathologyModel.ClassifierState(options.classifier(),
                options.classifierParameters(), router.model(), router.metrics()), tilesPer);
    }

    private TrainedModel trainTiles(List<SlideRows> slides, int[] slideClass, int classes, ProgressMonitor monitor) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < slides.size(); i++) {
            for (double[] row : slides.get(i).rows()) {
                rows.add(row);
                labels.add(slideClass[i]);
            }
        }
        return learn.trainer(options.classifier()).train(rows.toArray(double[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), classes, options.classifierParameters(), monitor);
    }

    /** Tiles per subtype that the router assigns, index = subtype. */
    int[] votes(byte[] router, double[][] tileRows, int classes) {
        return Routing.votes(learn.predictor(options.classifier()), router, tileRows, classes, p -> { });
    }

    static int majority(int[] votes) {
        return Routing.majority(votes);
    }

    private Fitted fit(List<SlideRows> slides, int[] y, List<String> featureNames, ProgressMonitor monitor) {
        List<double[][]> tileRows = slides.stream().map(SlideRows::rows).toList();
        FittedFusion fusion = learn.fusion(options.fusionId()).fit(tileRows, featureNames, options.fusionArgument());
        double[][] vectors = tileRows.stream().map(fusion::fuse).toArray(double[][]::new);
        Selection selection = learn.selector(options.selectionId()).select(vectors, y, options.selectionThreshold());
        TrainedModel classifier = learn.trainer(options.classifier()).train(selection.apply(vectors), y, 2,
                options.classifierParameters(), monitor);
        return new Fitted(fusion, selection, classifier);
    }

    private final class Fitted {
        final FittedFusion fusion;
        final Selection selection;
        final TrainedModel classifier;
        final byte[] bytes;

        Fitted(FittedFusion fusion, Selection selection, TrainedModel classifier) {
            this.fusion = fusion;
            this.selection = selection;
            this.classifier = classifier;
            this.bytes = classifier.model();
        }

        double score(double[][] tileRows) {
            double[] row = selection.apply(fusion.fuse(tileRows));
            return learn.predictor(options.classifier()).predict(bytes, new double[][] {row})[0][1];
        }
    }

    private static List<SlideRows> pick(List<SlideRows> slides, int[] indices) {
        List<SlideRows> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(slides.get(i));
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
