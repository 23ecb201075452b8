package org.focal.pathology.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.focal.cli.ConsoleProgress;
import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.model.ModelFile;
import org.focal.pathology.model.PathologyModel;
import org.focal.pathology.model.PathologyPipeline;
import org.focal.pathology.model.SlideModelTraining;
import org.focal.pathology.model.Prediction;
import org.focal.pathology.model.SlideLabels;
import org.focal.pathology.model.TrainingOptions;
import org.focal.pathology.slide.SlideAnalysis;
import org.focal.pathology.slide.TileSpec;
import org.focal.pathology.slide.TilingSettings;
import org.focal.pathology.slide.TissueMask;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code focal pathology features|train|predict}: the whole-slide pipeline from H&amp;E slides to an explained prediction. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "pathology", mixinStandardHelpOptions = true,
        description = "Whole-slide H&E pipeline: tile features, training a slide classifier, explained predictions.",
        subcommands = {PathologyCommand.Features.class, PathologyCommand.Train.class, PathologyCommand.Predict.class})
public final class PathologyCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    final PathologyPipeline pipeline;

    @Activate
    public PathologyCommand(@Reference PathologyPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Options shared by the commands that analyse slides. */
    static final class AnalysisOptions {
        @Option(names = "--tile", paramLabel = "PX", defaultValue = "512",
                description = "Tile side in pixels at the analysis magnification, 32-4096: usually 224, 256, 299, 512 (default) or 1024; "
                        + "small patches take one that fits (e.g. 112 for 224 x 224 images).")
        int tile;

        @Option(names = "--magnification", paramLabel = "X", defaultValue = "20",
                description = "Analysis magnification (20x = 0.5 um/px), from the slide's own pixel size; default ${DEFAULT-VALUE}.")
        double magnification;

        @Option(names = "--sample", paramLabel = "all|N", defaultValue = "all",
                description = "All tissue tiles (default) or a seeded random sample of N per slide.")
        String sample;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the tile sample, default ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--min-tissue", paramLabel = "F", defaultValue = "0.5",
                description = "Least tissue fraction of a kept tile, default ${DEFAULT-VALUE}.")
        double minTissue;

        @Option(names = "--stains", paramLabel = "ruifrok|estimate|hR,hG,hB;eR,eG,eB", defaultValue = "ruifrok",
                description = "Stain vectors: standard H&E (Ruifrok, default), estimated per slide (Macenko) or given.")
        String stains;

        @Option(names = "--pixel-size", paramLabel = "UM",
                description = "Pixel size of images without one (plain PNG/JPEG patches); default: assume they are at --magnification.")
        Double pixelSize;

        @Option(names = "--segmenter", defaultValue = "classical", description = "Nucleus segmenter id, default ${DEFAULT-VALUE}.")
        String segmenter;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
        Integer threads;

        SlideAnalysis.Settings settings() {
            int n;
            if ("all".equalsIgnoreCase(sample)) {
                n = 0;
            } else {
                try {
                    n = Integer.parseInt(sample);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--sample must be 'all' or a number of tiles, not '" + sample + "'");
                }
                if (n < 1) {
                    throw new BadInputException("--sample must be at least 1");
                }
            }
            if (pixelSize != null && !(pixelSize > 0 && pixelSize < 1000)) {
                throw new BadInputException("--pixel-size must be a positive number of micrometres");
            }
            TilingSettings tiling = new TilingSettings(tile, magnification, minTissue, n, seed,
                    pixelSize == null ? Double.NaN : pixelSize);
            return SlideAnalysis.Settings.defaults().withTiling(tiling).withStains(stains)
                    .withThreads(CliOptions.threads(threads));
        }
    }

    static final class Common {
        @Option(names = "--no-progress", description = "Do not draw progress bars.")
        boolean noProgress;
    }

    /** {@code focal pathology features}: one CSV row per tile of every slide. */
    @Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Tile features (tile, nucleus and spatial groups) of whole slides, one CSV row per tissue tile.")
    static final class Features implements Callable<Integer> {
        @ParentCommand
        PathologyCommand parent;

        @Parameters(paramLabel = "SLIDE", arity = "1..*", description = "Slides or images.")
        List<Path> slides;

        @Option(names = "--out", required = true, paramLabel = "FEATURES.csv", description = "CSV file to write.")
        Path out;

        @Mixin
        CliOptions.Roi roi;

        @Mixin
        AnalysisOptions options;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            NucleiCommand.checkOutput(out, ".csv");
            SlideAnalysis.Settings settings = options.settings();
            SlideAnalysis analysis = parent.pipeline.analysis(options.segmenter);
            TissueMask.Region region = roi.region();
            PrintWriter err = parent.spec.commandLine().getErr();
            long start = System.nanoTime();
            int tiles = 0;
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    ConsoleProgress progress = new ConsoleProgress(err, !common.noProgress)) {
                w.write("slide,tile,x,y,size,tissue," + String.join(",", analysis.features().names()));
                w.newLine();
                for (Path slide : slides) {
                    SlideAnalysis.Result r = parent.pipeline.analyse(analysis, slide, region, settings, progress);
                    for (int t = 0; t < r.tiles().size(); t++) {
                        TileSpec spec = r.tiles().get(t);
                        StringBuilder line = new StringBuilder();
                        line.append(Csv.quote(slide.toString())).append(',').append(spec.index()).append(',').append(spec.x())
                                .append(',').append(spec.y()).append(',').append(spec.level0Size()).append(',')
                                .append(Csv.number(spec.tissue()));
                        for (double v : r.rows()[t]) {
                            line.append(',').append(Csv.number(v));
                        }
                        w.write(line.toString());
                        w.newLine();
                    }
                    tiles += r.tiles().size();
                }
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            parent.spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d tiles x %d features from %d slide(s) in %.1f s%n",
                    out, tiles, analysis.features().names().size(), slides.size(), (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** {@code focal pathology train}: features of every labelled slide, then fusion, selection, classifier, cross-validated. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train a slide classifier from labelled slides (CSV with path and label columns); "
                    + "reports the cross-validated AUC of the whole pipeline and writes one model file.")
    static final class Train implements Callable<Integer> {
        @ParentCommand
        PathologyCommand parent;

        @Option(names = "--slides", required = true, paramLabel = "LABELS.csv",
                description = "CSV with a header: path (relative to the CSV) and the label column.")
        Path labels;

        @Option(names = "--label-column", defaultValue = "label", description = "Label column, default ${DEFAULT-VALUE}.")
        String labelColumn;

        @Option(names = "--positive", paramLabel = "LABEL", description = "The positive label (default: the last in sorted order).")
        String positive;

        @Option(names = "--limit", paramLabel = "N", description = "Use at most N slides per label (seeded choice), e.g. for a quick model.")
        Integer limit;

        @Option(names = "--subtype-column", paramLabel = "COLUMN",
                description = "Train a patch-level subtype router on this column and one analysis model per subtype.")
        String subtypeColumn;

        @Option(names = "--subtypes", paramLabel = "A,B,...", split = ",",
                description = "Values of the subtype column that are subtypes; slides with other values (e.g. normal) train every subtype's model.")
        List<String> subtypes;

        @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "Model file to write.")
        Path out;

        @Option(names = "--fusion", defaultValue = "histogram:5",
                description = "Tile-to-slide fusion: histogram[:bins] (default ${DEFAULT-VALUE}), mean, max, pnorm[:p], kmeans[:k].")
        String fusion;

        @Option(names = "--select", defaultValue = "ks:0.05",
                description = "Feature selection test and p threshold: ks (default ${DEFAULT-VALUE}), mwu, ttest, anova.")
        String select;

        @Option(names = "--classifier", defaultValue = "xgboost", description = "Classifier: xgboost (default), logistic or mlp.")
        String classifier;

        @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Classifier parameter, e.g. --param rounds=300 --param eta=0.05.")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds, default ${DEFAULT-VALUE}.")
        int folds;

        @Mixin
        AnalysisOptions options;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            NucleiCommand.checkOutput(out, ".json");
            TrainingOptions training = new TrainingOptions(fusion, select, classifier, params, folds, options.seed, positive);
            List<SlideLabels.Entry> entries = SlideModelTraining.limit(SlideLabels.read(labels, labelColumn, subtypeColumn), limit,
                    options.seed);
            PrintWriter err = parent.spec.commandLine().getErr();
            PrintWriter outWriter = parent.spec.commandLine().getOut();
            long start = System.nanoTime();
            SlideModelTraining.Result trained;
            try (ConsoleProgress progress = new ConsoleProgress(err, !common.noProgress)) {
                trained = parent.pipeline.train(entries, subtypeColumn == null ? null : subtypes, training, options.settings(),
                        options.segmenter, progress);
                if (!trained.skipped().isEmpty()) {
                    progress.finishLine();
                    err.printf(Locale.ROOT, "focal: warning: skipped %d of %d slides without a tile of enough tissue (--min-tissue %s), e.g. %s%n",
                            trained.skipped().size(), entries.size(), options.minTissue, trained.skipped().get(0));
                }
            }
            PathologyModel model = trained.model();
            ModelFile.write(model, out);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (PathologyModel.AnalysisModel m : model.models()) {
                outWriter.println(SlideModelTraining.summary(m));
            }
            if (model.router() != null) {
                outWriter.println(SlideModelTraining.routerSummary(model.router()));
            }
            outWriter.printf(Locale.ROOT, "%s: model from %d slides, %d tile features, in %.1f s%n", out, trained.used().size(),
                    model.features().size(), seconds);
            return 0;
        }
    }

    /** {@code focal pathology predict}: an explained prediction for one slide, with a report folder. */
    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Predict one slide with a trained model; writes result.json, thumbnail.png (key tiles outlined), "
                    + "importance.png and report.html into the report folder.")
    static final class Predict implements Callable<Integer> {
        @ParentCommand
        PathologyCommand parent;

        @Parameters(index = "0", paramLabel = "SLIDE", description = "Slide or image.")
        Path slide;

        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model written by focal pathology train.")
        Path modelFile;

        @Option(names = "--report", required = true, paramLabel = "DIR", description = "Folder for the report (created).")
        Path report;

        @Mixin
        CliOptions.Roi roi;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
        Integer threads;

        @Option(names = "--pixel-size", paramLabel = "UM", description = "Pixel size for an image without one (default: the model's).")
        Double pixelSize;

        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            // the whole model is checked against what is installed before the slide is opened
            PathologyModel model = ModelFile.load(modelFile, parent.pipeline.installed());
            long start = System.nanoTime();
            Prediction prediction;
            try (ConsoleProgress progress = new ConsoleProgress(parent.spec.commandLine().getErr(), !common.noProgress)) {
                prediction = parent.pipeline.predict(slide, model, modelFile, roi.region(),
                        PathologyPipeline.settingsFor(model, pixelSize, CliOptions.threads(threads)), report, progress);
            }
            parent.spec.commandLine().getOut().printf(Locale.ROOT, "%s: P(%s) = %.3f%s from %d tiles; report in %s (%.1f s)%n",
                    slide.getFileName(), prediction.positiveClass(), prediction.probability(),
                    prediction.subtype() == null ? "" : " (subtype " + prediction.subtype() + " by " + prediction.subtypeVotes() + ")",
                    prediction.tiles(), report, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

}
