package org.focal.pathology.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.focal.core.BadInputException;
import org.focal.core.learn.Predictor;
import org.focal.learn.FittedFusion;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileSpec;

/**
 * Applies a {@link PathologyModel} to an analysed slide and explains the result: the most
 * important fused elements and, for each, the tile that shows it most (e.g. the tile with the
 * largest nuclei when a high bin of nucleus area drives the prediction).
 */
public final class SlidePrediction {

    /** How many top features and key tiles a report lists. */
    public static final int TOP = 10;
    private static final Pattern HISTOGRAM_BIN = Pattern.compile("@hist(\\d+)/(\\d+)$");

    private final LearnServices learn;

    public SlidePrediction(LearnServices learn) {
        this.learn = learn;
    }

    /**
     * Predicts one analysed slide with a model {@link ModelFile#load loaded} (so checked) from
     * {@code modelFile}; a probability that is not a number in [0, 1] is an error naming the model
     * file, never a printed NaN.
     */
    public Prediction predict(PathologyModel model, Path modelFile, SlideAnalysis.Result slide) {
        if (!slide.featureNames().equals(model.features())) {
            throw BadInputException.forFile(slide.slide(), "the installed feature extractors (" + slide.featureNames().size()
                    + " features) differ from the model's (" + model.features().size() + "); install the feature plugins it was trained with");
        }
        double[][] rows = slide.rows();
        String subtype = null;
        Map<String, Integer> votes = new LinkedHashMap<>();
        if (model.router() != null) {
            PathologyModel.Router router = model.router();
            int[] counts = Routing.votes(learn.predictor(router.classifier().id()), router.classifier().model(), rows,
                    router.subtypes().size(), p -> checkProbabilities(p, modelFile, slide, "router.classifier"));
            for (int c = 0; c < counts.length; c++) {
                votes.put(router.subtypes().get(c), counts[c]);
            }
            subtype = router.subtypes().get(Routing.majority(counts));
        }
        PathologyModel.AnalysisModel analysis = model.model(subtype);
        String at = "models[" + model.models().indexOf(analysis) + "].classifier";
        FittedFusion fusion = learn.fusion(analysis.fusionSpec().split(":", 2)[0]).restore(analysis.fusion());
        double[] fused = fusion.fuse(rows);
        int[] kept = analysis.selection().kept();
        double[] selected = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            selected[k] = fused[kept[k]];
        }
        Predictor predictor = learn.predictor(analysis.classifier().id());
        byte[] bytes = analysis.classifier().model();
        double[] p = predictor.predict(bytes, new double[][] {selected})[0];
        checkProbabilities(p, modelFile, slide, at);
        double probability = p[analysis.positive()];
        List<Prediction.TopFeature> top = topFeatures(model, analysis, predictor.importance(bytes, kept.length), selected);
        List<Prediction.KeyTile> keyTiles = keyTiles(slide, top);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        int[] roi = roiBounds(slide.tiles());
        return new Prediction(slide.slide().toString(), slide.metadata().width(), slide.metadata().height(),
                analysis.classes().get(analysis.positive()), analysis.classes(), probability, analysis.classes().get(best),
                subtype, votes, rows.length, slide.tissue().tissueFraction(slide.metadata().width(), slide.metadata().height()),
                roi, analysis.metrics(), top, keyTiles);
    }

    /** Class probabilities must be numbers in [0, 1]: a NaN is reported against the model, never printed. */
    private static void checkProbabilities(double[] p, Path modelFile, SlideAnalysis.Result slide, String at) {
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw BadInputException.forFile(modelFile, "the classifier gives probability " + v + " for "
                        + slide.slide().getFileName() + " (" + at + ")");
            }
        }
    }

    private static List<Prediction.TopFeature> topFeatures(PathologyModel model, PathologyModel.AnalysisModel analysis,
            double[] importance, double[] values) {
        double total = Arrays.stream(importance).filter(v -> v > 0).sum();
        Integer[] order = new Integer[importance.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(importance[b], importance[a]));
        List<Prediction.TopFeature> top = new ArrayList<>();
        for (int i : order) {
            if (top.size() == TOP || !(importance[i] > 0)) {
                break;
            }
            String element = analysis.selection().names().get(i);
            String feature = baseFeature(element);
            int column = model.features().indexOf(feature);
            String group = column < 0 ? "fused" : model.featureGroups().get(column);
            top.add(new Prediction.TopFeature(element, feature, group, importance[i] / total, values[i]));
        }
        return top;
    }

    /**
     * Up to {@link #TOP} distinct tiles, taken in turns from the top features: each turn gives
     * every top feature its next tile where the feature is most extreme in the element's direction.
     * A model that relies on one feature therefore still shows several tiles, all about it.
     */
    private static List<Prediction.KeyTile> keyTiles(SlideAnalysis.Result slide, List<Prediction.TopFeature> top) {
        double[][] rows = slide.rows();
        List<List<Integer>> rankings = new ArrayList<>();
        for (Prediction.TopFeature f : top) {
            int column = slide.featureNames().indexOf(f.feature());
            List<Integer> order = new ArrayList<>();
            if (column >= 0) {
                for (int t = 0; t < rows.length; t++) {
                    if (!Double.isNaN(rows[t][column])) {
                        order.add(t);
                    }
                }
                boolean low = lowEnd(f.element());
                order.sort((a, b) -> low ? Double.compare(rows[a][column], rows[b][column])
                        : Double.compare(rows[b][column], rows[a][column]));
            }
            rankings.add(order);
        }
        List<Prediction.KeyTile> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        int[] next = new int[top.size()];
        boolean progress = true;
        while (out.size() < TOP && progress) {
            progress = false;
            for (int i = 0; i < top.size() && out.size() < TOP; i++) {
                List<Integer> order = rankings.get(i);
                while (next[i] < order.size() && used.contains(order.get(next[i]))) {
                    next[i]++;
                }
                if (next[i] == order.size()) {
                    continue;
                }
                int t = order.get(next[i]++);
                used.add(t);
                progress = true;
                Prediction.TopFeature f = top.get(i);
                double v = rows[t][slide.featureNames().indexOf(f.feature())];
                TileSpec tile = slide.tiles().get(t);
                String reason = String.format(Locale.ROOT,
                        "%s %s: rank %d of %d tiles (%.4g); %s carries %.1f%% of the model's importance",
                        lowEnd(f.element()) ? "low" : "high", f.feature(), next[i], order.size(), v, f.element(),
                        f.importance() * 100);
                out.add(new Prediction.KeyTile(tile.x(), tile.y(), tile.level0Size(), tile.level0Size(), f.feature(),
                        f.group(), v, reason));
            }
        }
        return out;
    }

    /** The feature an element was fused from: its name up to the '@' the fusions add. */
    static String baseFeature(String element) {
        int at = element.lastIndexOf('@');
        return at < 0 ? element : element.substring(0, at);
    }

    /** True when an element describes the low end of its feature (a lower-half histogram bin). */
    static boolean lowEnd(String element) {
        Matcher m = HISTOGRAM_BIN.matcher(element);
        if (m.find()) {
            int bin = Integer.parseInt(m.group(1));
            int bins = Integer.parseInt(m.group(2));
            return 2 * bin <= bins;
        }
        return false;
    }

    private static int[] roiBounds(List<TileSpec> tiles) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = 0;
        int y1 = 0;
        for (TileSpec t : tiles) {
            x0 = Math.min(x0, t.x());
            y0 = Math.min(y0, t.y());
            x1 = Math.max(x1, t.x() + t.level0Size());
            y1 = Math.max(y1, t.y() + t.level0Size());
        }
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }
}
