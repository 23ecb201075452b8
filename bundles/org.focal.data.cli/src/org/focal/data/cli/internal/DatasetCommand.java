package org.focal.data.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.focal.cli.ConsoleProgress;
import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioTask;
import org.focal.scenarios.ScenarioCatalog;
import org.focal.store.DatasetInfo;
import org.focal.store.DatasetStats;
import org.focal.store.ImageRecord;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code focal dataset create|list|show|rename|delete|import|progress}. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Create, list, show, rename, delete datasets; import images; show annotation progress.",
        subcommands = {DatasetCommand.Create.class, DatasetCommand.ListDatasets.class, DatasetCommand.Show.class,
            DatasetCommand.Rename.class, DatasetCommand.Delete.class, DatasetCommand.Import.class,
            DatasetCommand.Progress.class})
public final class DatasetCommand implements FocalCommand {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    final StoreService stores;
    final ReaderRegistry readers;
    final ScenarioCatalog scenarios;

    @Activate
    public DatasetCommand(@Reference StoreService stores, @Reference ReaderRegistry readers,
            @Reference ScenarioCatalog scenarios) {
        this.stores = stores;
        this.readers = readers;
        this.scenarios = scenarios;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    /** What every {@code focal dataset} sub-command has: the services, output and --workspace. */
    abstract static class Subcommand implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        DatasetCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
    }

    /** A sub-command about one dataset, named by the first argument. */
    abstract static class NamedSubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an empty dataset.")
    static final class Create extends NamedSubcommand {
        @Option(names = "--task", required = true, paramLabel = "TASK", description = "classification, detection or segmentation.")
        String task;
        @Option(names = "--labels", paramLabel = "A,B,C", split = ",", description = "Label names, in hotkey order.")
        List<String> labels;
        @Option(names = "--scenario", paramLabel = "ID", description = "Disease scenario id (its labels are used when --labels is absent).")
        String scenario;
        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Override
        public Integer call() {
            Task t;
            LabelSet set;
            try {
                t = Task.parse(task);
                // checked before the store is opened: a wrong scenario or task creates nothing
                ScenarioTask chosen = scenario == null ? null : scenarioTask(parent.scenarios.get(common.workspace(parent.stores), scenario), t);
                set = labels != null ? LabelSet.ofNames(labels.stream().map(String::strip).filter(s -> !s.isEmpty()).toList())
                        : chosen != null ? chosen.labels() : new LabelSet(List.of());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            try (Store store = common.open(parent.stores)) {
                DatasetInfo d = store.createDataset(new Dataset(name, description, t, set, scenario));
                out(spec).println("created dataset '" + d.name() + "' (" + t.cliName() + ", "
                        + set.labels().size() + " labels) in " + store.workspace());
            }
            return 0;
        }
    }

    /** The scenario's task, or an error naming the tasks it has. */
    static ScenarioTask scenarioTask(Scenario scenario, Task task) {
        return scenario.task(task).orElseThrow(() -> new BadInputException("scenario '" + scenario.id() + "' has no "
                + task.cliName() + " task; its tasks: " + String.join(", ", scenario.tasks().stream().map(x -> x.task().cliName()).toList())));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets of the workspace.")
    static final class ListDatasets extends Subcommand {
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (Store store = common.open(parent.stores)) {
                List<DatasetInfo> all = store.datasets();
                PrintWriter out = out(spec);
                if (json) {
                    ObjectNode root = JSON.createObjectNode();
                    root.put("workspace", store.workspace().toString());
                    ArrayNode a = root.putArray("datasets");
                    for (DatasetInfo d : all) {
                        ObjectNode o = a.addObject();
                        header(o, d);
                    }
                    out.println(JSON.writeValueAsString(root));
                } else if (all.isEmpty()) {
                    out.println("no datasets in " + store.workspace());
                } else {
                    out.printf("%-30s %-15s %8s %12s  %s%n", "NAME", "TASK", "IMAGES", "ANNOTATIONS", "LABELS");
                    for (DatasetInfo d : all) {
                        out.printf("%-30s %-15s %8d %12d  %s%n", d.name(), d.dataset().task().cliName(), d.images(),
                                d.annotations(), String.join(",", d.dataset().labels().labels().stream().map(Label::name).toList()));
                    }
                }
            }
            return 0;
        }
    }

    static void header(ObjectNode o, DatasetInfo d) {
        o.put("name", d.name());
        o.put("description", d.dataset().description());
        o.put("task", d.dataset().task().cliName());
        if (d.dataset().scenarioId() != null) {
            o.put("scenario", d.dataset().scenarioId());
        } else {
            o.putNull("scenario");
        }
        ArrayNode labels = o.putArray("labels");
        for (Label l : d.dataset().labels().labels()) {
            labels.addObject().put("name", l.name()).put("color", l.color()).put("hotkey", l.hotkey());
        }
        o.put("images", d.images());
        o.put("annotations", d.annotations());
        o.put("created", d.created().toString());
    }

    static void stats(ObjectNode o, DatasetStats s) {
        o.put("images", s.images());
        o.put("imagesAnnotated", s.imagesAnnotated());
        o.put("imagesReviewed", s.imagesReviewed());
        o.put("progress", Math.round(s.progress() * 10000) / 10000.0);
        o.put("annotations", s.annotations());
        ObjectNode perLabel = o.putObject("perLabel");
        s.perLabel().forEach(perLabel::put);
        ObjectNode perState = o.putObject("perState");
        s.perState().forEach((k, v) -> perState.put(k.name().toLowerCase(Locale.ROOT), v));
        o.put("annotationSeconds", s.annotationTime().toSeconds());
        o.put("sessions", s.sessions());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a dataset: labels, images, counts per label, progress.")
    static final class Show extends NamedSubcommand {
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (Store store = common.open(parent.stores)) {
                DatasetInfo d = store.dataset(name);
                DatasetStats s = store.stats(name);
                List<ImageRecord> images = store.images(name);
                Map<Long, Long> counts = store.annotationCounts(name);
                PrintWriter out = out(spec);
                if (json) {
                    ObjectNode root = JSON.createObjectNode();
                    header(root, d);
                    stats(root.putObject("stats"), s);
                    ArrayNode a = root.putArray("imageList");
                    for (ImageRecord r : images) {
                        ObjectNode i = a.addObject();
                        i.put("id", r.id());
                        i.put("name", r.name());
                        if (r.path() != null) {
                            i.put("path", r.path());
                        } else {
                            i.putNull("path");
                        }
                        i.put("copied", r.copied());
                        i.put("width", r.width());
                        i.put("height", r.height());
                        i.put("sizeZ", r.sizeZ());
                        ObjectNode meta = i.putObject("metadata");
                        new java.util.TreeMap<>(r.metadata()).forEach(meta::put);
                        i.put("annotations", counts.getOrDefault(r.id(), 0L));
                    }
                    out.println(JSON.writeValueAsString(root));
                } else {
                    out.println("dataset      " + d.name());
                    if (!d.dataset().description().isEmpty()) {
                        out.println("description  " + d.dataset().description());
                    }
                    out.println("task         " + d.dataset().task().cliName());
                    if (d.dataset().scenarioId() != null) {
                        out.println("scenario     " + d.dataset().scenarioId());
                    }
                    out.println("images       " + s.images());
                    out.println("annotations  " + s.annotations());
                    printProgress(out, s);
                    out.println("labels:");
                    for (Map.Entry<String, Long> e : s.perLabel().entrySet()) {
                        Label l = d.dataset().labels().byName(e.getKey()).orElse(null);
                        out.printf("  %-24s %8d  %s%s%n", e.getKey(), e.getValue(), l == null ? "" : l.color(),
                                l == null || l.hotkey() == 0 ? "" : "  key " + l.hotkey());
                    }
                    int shown = 0;
                    out.println("images:");
                    for (ImageRecord r : images) {
                        if (shown++ == 20) {
                            out.println("  ... " + (images.size() - 20) + " more (--json lists all)");
                            break;
                        }
                        out.printf("  %-40s %5d x %-5d %6d annotations%n", r.name(), r.width(), r.height(),
                                counts.getOrDefault(r.id(), 0L));
                    }
                }
            }
            return 0;
        }
    }

    static void printProgress(PrintWriter out, DatasetStats s) {
        out.printf(Locale.ROOT, "progress     %.1f%% (%d of %d images reviewed, %d annotated)%n", s.progress() * 100,
                s.imagesReviewed(), s.images(), s.imagesAnnotated());
        StringBuilder states = new StringBuilder();
        for (ReviewState st : ReviewState.values()) {
            states.append(states.isEmpty() ? "" : ", ").append(st.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(s.perState().get(st));
        }
        out.println("states       " + states);
        long sec = s.annotationTime().toSeconds();
        out.printf(Locale.ROOT, "time spent   %d:%02d:%02d in %d sessions%n", sec / 3600, (sec / 60) % 60, sec % 60, s.sessions());
    }

    @Command(name = "progress", mixinStandardHelpOptions = true, description = "Annotation progress of a dataset.")
    static final class Progress extends NamedSubcommand {
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (Store store = common.open(parent.stores)) {
                DatasetStats s = store.stats(name);
                PrintWriter out = out(spec);
                if (json) {
                    ObjectNode root = JSON.createObjectNode();
                    root.put("name", name);
                    stats(root, s);
                    out.println(JSON.writeValueAsString(root));
                } else {
                    out.println("dataset      " + name);
                    printProgress(out, s);
                    s.perLabel().forEach((k, v) -> out.printf("  %-24s %8d%n", k, v));
                }
            }
            return 0;
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a dataset.")
    static final class Rename extends NamedSubcommand {
        @Parameters(index = "1", paramLabel = "NEW_NAME")
        String newName;

        @Override
        public Integer call() {
            try (Store store = common.open(parent.stores)) {
                store.renameDataset(name, newName);
                out(spec).println("renamed dataset '" + name + "' to '" + newName + "'");
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a dataset with its annotations and the files copied for it (needs --yes).")
    static final class Delete extends NamedSubcommand {
        @Option(names = "--yes", description = "Really delete.")
        boolean yes;

        @Override
        public Integer call() {
            try (Store store = common.open(parent.stores)) {
                DatasetInfo d = store.dataset(name);
                if (!yes) {
                    throw new BadInputException("refusing to delete dataset '" + name + "' (" + d.images() + " images, "
                            + d.annotations() + " annotations) without --yes");
                }
                store.deleteDataset(name);
                out(spec).println("deleted dataset '" + name + "' (" + d.images() + " images, " + d.annotations()
                        + " annotations)");
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add image files, folders (recursively) or .zip archives to a dataset, in one transaction.")
    static final class Import extends NamedSubcommand {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Image files, folders or .zip archives.")
        List<Path> paths;
        @Option(names = "--copy", description = "Copy the files into the workspace (zip archives are always unpacked there).")
        boolean copy;
        @Option(names = "--max-expanded-size", paramLabel = "SIZE", defaultValue = "4G",
                description = "Refuse zip archives that expand to more than this (default ${DEFAULT-VALUE}).")
        String maxExpanded;

        @Override
        public Integer call() throws IOException {
            long limit = ImageFiles.parseSize(maxExpanded);
            PrintWriter out = out(spec);
            PrintWriter err = spec.commandLine().getErr();
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    throw BadInputException.forFile(p, "no such file or folder");
                }
            }
            try (Store store = common.open(parent.stores)) {
                DatasetInfo d = store.dataset(name);
                Set<String> existing = new HashSet<>();
                store.images(name).forEach(r -> existing.add(r.name()));
                Path files = store.workspace().resolve("files").resolve(Long.toString(d.id()));
                List<Path> written = new ArrayList<>(); // files and folders created in the workspace, removed on failure
                boolean committed = false;
                try {
                    List<ImageFiles.Found> found = new ArrayList<>();
                    ImageFiles.Skipped skipped = new ImageFiles.Skipped();
                    Map<Path, int[]> sizes = new java.util.HashMap<>();
                    Map<Path, Map<String, String>> metadata = new java.util.HashMap<>();
                    Map<Path, String> series = new java.util.HashMap<>();
                    for (Path p : paths) {
                        if (ImageFiles.isZip(p)) {
                            String stem = p.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
                            Path target = uniqueFolder(files, stem);
                            Path staging = files.resolve(".unpack-" + System.nanoTime());
                            written.add(staging);
                            ImageFiles.unzip(p, staging, limit);
                            Files.createDirectories(target.getParent());
                            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                            written.add(target);
                            for (ImageFiles.Found f : parent.readable(ImageFiles.collect(target, parent.readers, skipped), false,
                                    skipped, sizes, series)) {
                                found.add(new ImageFiles.Found(target.getFileName() + "/" + f.name(), f.file()));
                            }
                        } else {
                            List<ImageFiles.Found> here = parent.readable(ImageFiles.collect(p, parent.readers, skipped),
                                    Files.isRegularFile(p), skipped, sizes, series);
                            if (copy) {
                                Path base = Files.isDirectory(p) ? uniqueFolder(files, p.toAbsolutePath().normalize().getFileName().toString()) : files;
                                for (ImageFiles.Found f : here) {
                                    Path dest = base.resolve(f.name());
                                    if (Files.exists(dest)) {
                                        continue; // same file name copied earlier in this run
                                    }
                                    Files.createDirectories(dest.getParent());
                                    Files.copy(f.file(), dest);
                                    written.add(dest);
                                    sizes.put(dest, sizes.get(f.file()));
                                    if (series.containsKey(f.file())) {
                                        series.put(dest, series.get(f.file()));
                                    }
                                    found.add(new ImageFiles.Found(f.name(), dest));
                                }
                            } else {
                                found.addAll(here);
                            }
                        }
                    }
                    found = parent.volumes(found, series, sizes, metadata);
                    boolean copied = copy;
                    List<NewImage> images = new ArrayList<>();
                    int duplicates = 0;
                    try (ConsoleProgress progress = common.progress(err)) {
                        Set<String> names = new HashSet<>(existing);
                        for (ImageFiles.Found f : found) {
                            if (!names.add(f.name())) {
                                duplicates++;
                                continue;
                            }
                            boolean inWorkspace = f.file().startsWith(store.workspace());
                            int[] size = sizes.get(f.file());
                            Map<String, String> meta = metadata.getOrDefault(f.file(), Map.of());
                            // a volume's path is its folder; the series option says which series of it
                            Path path = meta.containsKey(VOLUME) ? f.file().getParent() : f.file();
                            images.add(new NewImage(f.name(), path.toString(), copied || inWorkspace, size[0], size[1], size[2], null,
                                    meta));
                        }
                        store.addImages(name, images, progress);
                    }
                    committed = true;
                    if (!skipped.isEmpty()) {
                        err.println("focal: warning: " + skipped.summary());
                    }
                    if (duplicates > 0) {
                        err.println("focal: warning: skipped " + duplicates + " images the dataset already has");
                    }
                    out.println("imported " + images.size() + " images into '" + name + "'" + (copy ? " (copied)" : ""));
                } finally {
                    if (!committed) {
                        for (int i = written.size() - 1; i >= 0; i--) {
                            ImageFiles.deleteTree(written.get(i));
                        }
                    }
                }
            }
            return 0;
        }

        private static Path uniqueFolder(Path parent, String name) {
            Path p = parent.resolve(name);
            for (int n = 2; Files.exists(p); n++) {
                p = parent.resolve(name + "-" + n);
            }
            return p;
        }
    }

    /**
     * The files an installed reader opens, their sizes put into {@code sizes}. A file named on the
     * command line that none opens is bad input; one found in a folder or archive is skipped (an
     * empty or mis-named file is not an image of unknown size).
     */
    List<ImageFiles.Found> readable(List<ImageFiles.Found> candidates, boolean named, ImageFiles.Skipped skipped,
            Map<Path, int[]> sizes, Map<Path, String> series) {
        List<ImageFiles.Found> out = new ArrayList<>();
        for (ImageFiles.Found f : candidates) {
            try (ImageSource source = readers.open(f.file())) {
                ImageMetadata m = source.metadata();
                sizes.put(f.file(), new int[] {m.width(), m.height(), Math.max(1, m.sizeZ())});
                if (m.properties().containsKey(DICOM_SYNTAX) && m.sizeZ() <= 1 && Files.isRegularFile(f.file())) {
                    // a single DICOM slice joins its series' volume (anonymised files may have an empty UID)
                    series.put(f.file(), m.properties().getOrDefault(ImageProperties.SERIES_INSTANCE_UID, ""));
                }
                out.add(f);
            } catch (IOException | RuntimeException e) {
                String why = ImageFiles.emptyFile(f.file()) ? "empty file" : "no installed reader can open it";
                if (named && e instanceof BadInputException bad && !ImageFiles.emptyFile(f.file())) {
                    throw bad; // the reader's one line names the file and the problem
                }
                if (named) {
                    throw BadInputException.forFile(f.file(), why + (e instanceof BadInputException ? ""
                            : " (" + org.focal.core.Excerpt.message(e.getMessage()) + ")") + "; nothing imported");
                }
                skipped.add(f.name(), ImageFiles.emptyFile(f.file()) ? "empty files" : "files no installed reader opens");
            }
        }
        return out;
    }

    /**
     * Replaces the slices of every DICOM series of two or more single-frame files in one folder by
     * one volume image: the folder, opened with the series option, with its depth and spacing.
     */
    List<ImageFiles.Found> volumes(List<ImageFiles.Found> found, Map<Path, String> series, Map<Path, int[]> sizes,
            Map<Path, Map<String, String>> metadata) {
        Map<List<Object>, List<ImageFiles.Found>> slices = new java.util.LinkedHashMap<>();
        for (ImageFiles.Found f : found) {
            String uid = series.get(f.file());
            if (uid != null) {
                slices.computeIfAbsent(List.of(f.file().getParent(), uid), k -> new ArrayList<>()).add(f);
            }
        }
        List<ImageFiles.Found> out = new ArrayList<>(found);
        Map<Path, Long> seriesPerFolder = new java.util.HashMap<>();
        slices.forEach((key, files) -> {
            if (files.size() > 1) {
                seriesPerFolder.merge((Path) key.get(0), 1L, Long::sum);
            }
        });
        ImageReader dicom = readers.find(DICOM_READER).orElse(null);
        for (Map.Entry<List<Object>, List<ImageFiles.Found>> e : slices.entrySet()) {
            List<ImageFiles.Found> files = e.getValue();
            Path folder = (Path) e.getKey().get(0);
            String uid = (String) e.getKey().get(1);
            if (files.size() < 2 || dicom == null) {
                continue;
            }
            String first = files.get(0).name();
            String base = first.contains("/") ? first.substring(0, first.lastIndexOf('/')) : folder.getFileName().toString();
            String name = seriesPerFolder.get(folder) > 1 ? base + "#" + uid : base;
            try (ImageSource volume = dicom.open(folder, uid.isEmpty() ? Map.of() : Map.of(SERIES_OPTION, uid))) {
                ImageMetadata m = volume.metadata();
                Path key = folder.resolve("#" + uid); // one folder may give several volumes
                sizes.put(key, new int[] {m.width(), m.height(), Math.max(1, m.sizeZ())});
                metadata.put(key, Map.of(VOLUME, "dicom-series", SERIES_OPTION, uid, "spacing", m.calibration().x() + "," + m.calibration().y() + ","
                        + m.calibration().z() + " " + m.calibration().unit()));
                out.removeAll(files);
                out.add(new ImageFiles.Found(name, key));
            } catch (IOException | RuntimeException ex) {
                // the slices stay separate images when the series does not open as a volume
            }
        }
        return out;
    }

    /** The DICOM reader's id and its option naming the series of a folder (see org.focal.io.dicom). */
    static final String DICOM_READER = "dicom";
    static final String SERIES_OPTION = "series";
    /** Image metadata key marking a volume built from the slice files of a folder. */
    static final String VOLUME = "volume";
    /** A property every DICOM file the reader opens has. */
    static final String DICOM_SYNTAX = "dicom.TransferSyntaxUID";

    static String joined(String... parts) {
        return String.join(" ", Arrays.asList(parts));
    }
}
