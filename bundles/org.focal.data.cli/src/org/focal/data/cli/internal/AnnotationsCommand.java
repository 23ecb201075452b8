package org.focal.data.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.focal.cli.ConsoleProgress;
import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Importer;
import org.focal.store.DatasetInfo;
import org.focal.store.ImageRecord;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code focal annotations import NAME --format F PATH}. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "annotations", mixinStandardHelpOptions = true,
        description = "Import annotations into a dataset; undo, redo and list interactive edits.",
        subcommands = {AnnotationsCommand.Import.class, AnnotationsCommand.Undo.class, AnnotationsCommand.Redo.class,
            AnnotationsCommand.History.class})
public final class AnnotationsCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    final StoreService stores;
    final List<Importer> importers;
    final org.focal.core.image.ReaderRegistry readers;

    @Activate
    public AnnotationsCommand(@Reference StoreService stores, @Reference org.focal.core.image.ReaderRegistry readers,
            @Reference(service = Importer.class, cardinality = ReferenceCardinality.MULTIPLE,
                    policyOption = ReferencePolicyOption.GREEDY) List<Importer> importers) {
        this.stores = stores;
        this.readers = readers;
        this.importers = importers;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: import, undo, redo or history");
    }

    static <T extends org.focal.core.plugin.FocalPlugin> T byId(List<T> plugins, String id, String what) {
        return org.focal.core.plugin.PluginRegistry.require(plugins, id, what + " format");
    }

    /** What every sub-command has: the parent's services, the workspace options and the dataset name. */
    abstract static class OnDataset implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        AnnotationsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Parameters(index = "0", paramLabel = "NAME", description = "Dataset.")
        String name;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read annotations (coco, voc, geojson, focal-json, focal-xml, aperio-xml, nrrd-labels, dicom-seg) into a dataset, in one transaction.")
    static final class Import extends OnDataset {
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "coco, voc, geojson, focal-json, focal-xml, aperio-xml, nrrd-labels or dicom-seg.")
        String format;
        @Parameters(index = "1", paramLabel = "PATH", description = "Annotation file or folder.")
        Path path;
        @Option(names = "--create", description = "Create the dataset when it does not exist (task and labels from the file).")
        boolean create;
        @Option(names = "--label", paramLabel = "LABEL", description = "Give every imported annotation this label.")
        String label;
        @Option(names = "--image", paramLabel = "NAME",
                description = "nrrd-labels, dicom-seg: the dataset image to import onto (default: found by grid / DICOM UIDs).")
        String image;
        @Option(names = "--map", paramLabel = "VALUE=LABEL,...",
                description = "nrrd-labels, dicom-seg: dataset label for a label value or segment number, e.g. 1=liver,2=spine.")
        String map;

        @Override
        public Integer call() throws IOException {
            Importer importer = byId(parent.importers, format, "annotation");
            if ((image != null || map != null) && !importer.needsContext()) {
                throw new BadInputException("--image and --map apply to importers that find images by grid or DICOM UIDs"
                        + " (nrrd-labels, dicom-seg), not to " + format);
            }
            if (!Files.exists(path)) {
                throw BadInputException.forFile(path, "no such file or folder");
            }
            PrintWriter err = spec.commandLine().getErr();
            try (Store store = common.open(parent.stores); ConsoleProgress progress = common.progress(err)) {
                Optional<DatasetInfo> existing = store.findDataset(name);
                if (existing.isEmpty() && !create) {
                    throw new BadInputException("no dataset '" + name + "' in workspace " + store.workspace()
                            + " (create it first, or pass --create)");
                }
                DatasetContent content;
                if (importer.needsContext()) {
                    if (existing.isEmpty()) {
                        throw new BadInputException(format + " imports into an existing dataset with the images it refers to;"
                                + " create '" + name + "' and import its images first");
                    }
                    content = importer.read(path, context(store, existing.get()), progress);
                } else {
                    content = importer.read(path, progress);
                }
                progress.finishLine();
                if (label != null) {
                    content = relabel(content, label.strip());
                }
                content = withSizes(content);
                Store.ImportResult r;
                if (existing.isEmpty()) {
                    Dataset d = content.dataset();
                    store.createDataset(new Dataset(name, d.description(), d.task(), d.labels(), d.scenarioId()));
                    r = importIntoNew(store, content, progress);
                } else {
                    r = store.importContent(name, content, progress);
                }
                for (String w : content.warnings()) {
                    err.println("focal: warning: " + w.replaceAll("\\s+", " "));
                }
                if (!r.labelsAdded().isEmpty() && existing.isPresent()) {
                    err.println("focal: note: added labels " + String.join(", ", r.labelsAdded()) + " to '" + name + "'");
                }
                spec.commandLine().getOut().println("imported " + r.annotations() + " annotations into '" + name + "' ("
                        + r.imagesMatched() + " images matched, " + r.imagesAdded() + " added"
                        + (content.warnings().isEmpty() ? "" : ", " + warningCount(content.warnings()) + " warnings") + ")");
            }
            return 0;
        }

        /** Imports into the dataset --create just made; when the import fails, the dataset goes too. */
        private Store.ImportResult importIntoNew(Store store, DatasetContent content, ConsoleProgress progress) {
            try {
                return store.importContent(name, content, progress);
            } catch (RuntimeException | Error e) {
                try {
                    store.deleteDataset(name);
                } catch (RuntimeException | Error cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }

        private static final java.util.regex.Pattern MORE = java.util.regex.Pattern.compile("\\.\\.\\. and (\\d+) more like this$");

        /** The number of warnings, counting those an importer summarised as "... and N more like this". */
        static long warningCount(List<String> warnings) {
            long n = 0;
            for (String w : warnings) {
                java.util.regex.Matcher m = MORE.matcher(w);
                n += m.find() ? Long.parseLong(m.group(1)) : 1;
            }
            return n;
        }

        private org.focal.core.export.ImportContext context(Store store, DatasetInfo info) {
            List<org.focal.core.export.ImportContext.Target> targets = new ArrayList<>();
            for (ImageRecord r : store.images(name)) {
                org.focal.core.image.ImageMetadata m = null;
                try (var source = parent.readers.open(Path.of(r.path()))) {
                    m = source.metadata();
                } catch (IOException | RuntimeException e) {
                    // an image no reader opens cannot be a target
                }
                targets.add(new org.focal.core.export.ImportContext.Target(r.name(), m));
            }
            Map<String, String> options = new java.util.HashMap<>();
            if (image != null) {
                options.put("image", image);
            }
            if (map != null) {
                options.put("map", map);
            }
            return new org.focal.core.export.ImportContext(name, info.dataset().labels(), targets, options);
        }

        private static DatasetContent relabel(DatasetContent c, String newLabel) {
            List<DatasetContent.Image> images = new ArrayList<>();
            for (DatasetContent.Image i : c.images()) {
                images.add(i.withAnnotations(i.annotations().stream().map(a -> new Annotation(a.id(), a.kind(), a.geometry(),
                        a.plane(), newLabel, a.source(), a.author(), a.confidence(), a.state(), a.created(), a.modified()))
                        .toList()));
            }
            Dataset d = c.dataset();
            return new DatasetContent(new Dataset(d.name(), d.description(), d.task(), LabelSet.ofNames(List.of(newLabel)),
                    d.scenarioId()), images, c.warnings());
        }

        /** Fills unknown image sizes from the files, when a reader can open them. */
        private DatasetContent withSizes(DatasetContent c) {
            List<DatasetContent.Image> images = new ArrayList<>();
            for (DatasetContent.Image i : c.images()) {
                String location = i.metadata().get("focal:location");
                if (i.width() == 0 && location != null) {
                    int[] size = new int[] {0, 0, 1};
                    try (var source = parent.readers.open(Path.of(location))) {
                        size = new int[] {source.metadata().width(), source.metadata().height(), source.metadata().sizeZ()};
                    } catch (IOException | RuntimeException e) {
                        // stays unknown
                    }
                    images.add(new DatasetContent.Image(i.id(), i.path(), size[0], size[1], size[2], i.metadata(), i.annotations()));
                } else {
                    images.add(i);
                }
            }
            return new DatasetContent(c.dataset(), images, c.warnings());
        }

    }

    /** An image of the dataset by store id or by name. */
    static ImageRecord image(Store store, String dataset, String idOrName) {
        List<ImageRecord> images = store.images(dataset);
        for (ImageRecord r : images) {
            if (r.name().equals(idOrName) || Long.toString(r.id()).equals(idOrName)) {
                return r;
            }
        }
        throw new BadInputException("dataset '" + dataset + "' has no image '" + idOrName + "' (give an image id or name)");
    }

    /** The shared body of undo and redo. */
    abstract static class Step extends OnDataset {
        @Option(names = "--image", paramLabel = "ID", description = "Image id or name (default: the image edited last).")
        String imageId;

        abstract boolean redo();

        @Override
        public Integer call() {
            String verb = redo() ? "redo" : "undo";
            try (Store store = common.open(parent.stores)) {
                store.dataset(name);
                ImageRecord image;
                if (imageId != null) {
                    image = image(store, name, imageId);
                } else {
                    Optional<Long> latest = store.latestEditedImage(name, redo());
                    if (latest.isEmpty()) {
                        throw new BadInputException("nothing to " + verb + " in dataset '" + name + "'");
                    }
                    image = store.image(latest.get()).orElseThrow();
                }
                boolean done = redo() ? store.redo(image.id()) : store.undo(image.id());
                if (!done) {
                    throw new BadInputException("nothing to " + verb + " on image '" + image.name() + "' (id " + image.id()
                            + ") of dataset '" + name + "'");
                }
                List<Store.Edit> history = store.history(image.id());
                long open = history.stream().filter(e -> !e.undone()).count();
                spec.commandLine().getOut().println((redo() ? "redid" : "undid") + " one edit of image '" + image.name()
                        + "' (id " + image.id() + "): " + open + " to undo, " + (history.size() - open) + " to redo");
            }
            return 0;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo the latest interactive edit of an image.")
    static final class Undo extends Step {
        @Override
        boolean redo() {
            return false;
        }
    }

    @Command(name = "redo", mixinStandardHelpOptions = true, description = "Redo the latest undone edit of an image.")
    static final class Redo extends Step {
        @Override
        boolean redo() {
            return true;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "List the interactive edits of an image, oldest first.")
    static final class History extends OnDataset {
        @Option(names = "--image", required = true, paramLabel = "ID", description = "Image id or name.")
        String imageId;
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = common.open(parent.stores)) {
                store.dataset(name);
                ImageRecord image = image(store, name, imageId);
                List<Store.Edit> history = store.history(image.id());
                if (json) {
                    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                    com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
                    root.put("dataset", name);
                    root.put("imageId", image.id());
                    root.put("image", image.name());
                    com.fasterxml.jackson.databind.node.ArrayNode edits = root.putArray("edits");
                    for (Store.Edit e : history) {
                        com.fasterxml.jackson.databind.node.ObjectNode n = edits.addObject();
                        n.put("id", e.id());
                        n.put("annotation", e.annotation().toString());
                        n.put("action", e.action());
                        n.put("label", e.label());
                        n.put("at", e.at().toString());
                        n.put("undone", e.undone());
                    }
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                } else if (history.isEmpty()) {
                    out.println("no edits on image '" + image.name() + "' (id " + image.id() + ")");
                } else {
                    for (Store.Edit e : history) {
                        out.printf(java.util.Locale.ROOT, "%6d  %-24s  %-6s  %-20s  %s%s%n", e.id(), e.at(), e.action(), e.label(),
                                e.annotation(), e.undone() ? "  (undone)" : "");
                    }
                }
            }
            return 0;
        }
    }
}
