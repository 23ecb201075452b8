package org.focal.pathology.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TilingSettings;

/**
 * Training a slide model from labelled slides, the use case behind {@code focal pathology train}
 * and the workbench: tile features of every slide (slides without enough tissue are skipped and
 * reported), then the back half ({@link ModelTraining}), with a subtype router when asked.
 */
public final class SlideModelTraining {

    /** The trained model, the slides it used, and one message per skipped slide. */
    public record Result(PathologyModel model, List<SlideLabels.Entry> used, List<String> skipped) {
        public Result {
            used = List.copyOf(used);
            skipped = List.copyOf(skipped);
        }
    }

    private SlideModelTraining() {
    }

    /**
     * Analyses every slide ({@code analyse} opens and tiles one) and trains the model; see
     * {@link #train(ModelTraining, List, List, List, SlideAnalysis, SlideAnalysis.Settings, String, String, ProgressMonitor)}.
     */
    public static Result run(ModelTraining trainer, List<SlideLabels.Entry> entries, List<String> subtypes, SlideAnalysis analysis,
            SlideAnalysis.Settings settings, String segmenter, String focalVersion, SlideAnalyser analyse, ProgressMonitor progress)
            throws java.io.IOException {
        List<SlideRows> rows = new ArrayList<>();
        List<SlideLabels.Entry> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        progress.begin("Tile features of " + entries.size() + " slides", entries.size());
        for (SlideLabels.Entry e : entries) {
            try {
                rows.add(new SlideRows(e.slide(), analyse.analyse(e.slide()).rows()));
                used.add(e);
            } catch (org.focal.pathology.slide.NoTissueException noTissue) {
                // a patch of glass or fat is not an error in a training set, but the user hears of it
                skipped.add(noTissue.getMessage());
            }
            progress.worked(1);
            progress.checkCanceled();
        }
        progress.done();
        PathologyModel model = train(trainer, used, rows, subtypes, analysis, settings, segmenter, focalVersion, progress);
        return new Result(model, used, skipped);
    }

    /** Opens and analyses one slide. */
    @FunctionalInterface
    public interface SlideAnalyser {
        SlideAnalysis.Result analyse(java.nio.file.Path slide) throws java.io.IOException;
    }

    /** At most {@code limit} slides per label, chosen with the seed, in their original order. */
    public static List<SlideLabels.Entry> limit(List<SlideLabels.Entry> entries, Integer limit, long seed) {
        if (limit == null) {
            return entries;
        }
        if (limit < 1) {
            throw new BadInputException("--limit must be at least 1");
        }
        Map<String, List<SlideLabels.Entry>> byLabel = new LinkedHashMap<>();
        entries.forEach(e -> byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e));
        List<SlideLabels.Entry> kept = new ArrayList<>();
        for (List<SlideLabels.Entry> group : byLabel.values()) {
            List<SlideLabels.Entry> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, new Random(seed));
            kept.addAll(shuffled.subList(0, Math.min(limit, shuffled.size())));
        }
        kept.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return kept;
    }

    /**
     * Trains the model. {@code subtypes} null: one analysis model; otherwise a router over those
     * subtypes (empty list: every value of the subtype column) and one analysis model per subtype,
     * trained on its slides plus the slides without a listed subtype.
     */
    public static PathologyModel train(ModelTraining trainer, List<SlideLabels.Entry> entries, List<SlideRows> rows,
            List<String> subtypes, SlideAnalysis analysis, SlideAnalysis.Settings settings, String segmenter, String focalVersion,
            ProgressMonitor progress) {
        if (entries.isEmpty()) {
            throw new BadInputException("no training slide has a tile with enough tissue; check --tile and --min-tissue");
        }
        List<String> names = analysis.features().names();
        List<String> labels = entries.stream().map(SlideLabels.Entry::label).toList();
        PathologyModel.Router router = null;
        List<PathologyModel.AnalysisModel> models = new ArrayList<>();
        boolean routing = entries.get(0).subtype() != null;
        if (!routing) {
            models.add(trainer.trainAnalysis(rows, labels, names, null, progress).model());
        } else {
            List<String> listed = subtypes == null || subtypes.isEmpty()
                    ? new ArrayList<>(new LinkedHashSet<>(entries.stream().map(SlideLabels.Entry::subtype).toList()))
                    : List.copyOf(subtypes);
            if (listed.size() < 2) {
                throw new BadInputException("subtype routing needs at least two subtypes, found " + listed);
            }
            List<SlideRows> subtypeRows = new ArrayList<>();
            List<String> subtypeOf = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (listed.contains(entries.get(i).subtype())) {
                    subtypeRows.add(rows.get(i));
                    subtypeOf.add(entries.get(i).subtype());
                }
            }
            for (String s : listed) {
                if (!subtypeOf.contains(s)) {
                    throw new BadInputException("subtype " + s + " has no slides");
                }
            }
            Map<String, Double> routerMetrics = new LinkedHashMap<>();
            router = trainer.trainRouter(subtypeRows, subtypeOf, listed, routerMetrics, progress);
            Map<String, Double> merged = new LinkedHashMap<>(router.classifier().metrics());
            merged.putAll(routerMetrics);
            router = new PathologyModel.Router(router.subtypes(), new PathologyModel.ClassifierState(router.classifier().id(),
                    router.classifier().parameters(), router.classifier().model(), merged), router.tilesPerSubtype());
            for (String s : listed) {
                List<SlideRows> own = new ArrayList<>();
                List<String> ownLabels = new ArrayList<>();
                for (int i = 0; i < entries.size(); i++) {
                    String st = entries.get(i).subtype();
                    if (s.equals(st) || !listed.contains(st)) {
                        own.add(rows.get(i));
                        ownLabels.add(labels.get(i));
                    }
                }
                models.add(trainer.trainAnalysis(own, ownLabels, names, s, progress).model());
            }
        }
        TilingSettings t = settings.tiling();
        return new PathologyModel(PathologyModel.FORMAT, PathologyModel.FORMAT_VERSION, 1,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), focalVersion,
                new PathologyModel.Tiling(t.tileSize(), t.magnification(), t.minTissue(), t.sample(), t.seed(),
                        Double.isNaN(t.fallbackPixelSizeUm()) ? null : t.fallbackPixelSizeUm()),
                settings.stains(), segmenter, names, analysis.features().groups(), router, models);
    }

    public static String summary(PathologyModel.AnalysisModel m) {
        Map<String, Double> x = m.metrics();
        String cv = x.containsKey("cv_auc")
                ? String.format(Locale.ROOT, "cross-validated AUC %.3f (%d folds; per fold %.3f +/- %.3f)", x.get("cv_auc"),
                        x.get("cv_folds").intValue(), x.get("cv_auc_fold_mean"), x.get("cv_auc_fold_std"))
                : "no cross-validation (too few slides per label)";
        return String.format(Locale.ROOT, "model%s: %s; %d of %d fused elements selected (%s p < %s%s); %s on slides %s",
                m.subtype() == null ? "" : " for " + m.subtype(), cv, m.selection().kept().length,
                x.get("fused_elements").intValue(), m.selection().method(), m.selection().threshold(),
                m.selection().fallback() ? ", none passed: kept the best" : "", m.classifier().id(), m.slidesPerClass());
    }

    public static String routerSummary(PathologyModel.Router r) {
        Double acc = r.classifier().metrics().get("router_cv_vote_accuracy");
        return String.format(Locale.ROOT, "subtype router over %s: %s; tiles %s", r.subtypes(),
                acc == null ? "no cross-validation" : String.format(Locale.ROOT, "cross-validated slide vote accuracy %.3f", acc),
                r.tilesPerSubtype());
    }
}
