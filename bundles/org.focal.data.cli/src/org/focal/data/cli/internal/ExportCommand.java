package org.focal.data.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.focal.cli.ConsoleProgress;
import org.focal.cli.FocalCommand;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Exporter;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.ServiceScope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code focal export NAME --format coco|voc|geojson|focal-json|focal-xml --out PATH}. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a dataset's annotations as COCO JSON (file), Pascal VOC (folder), GeoJSON (folder), Focal JSON or Focal XML (file).")
public final class ExportCommand implements FocalCommand {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset.")
    String name;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "coco, voc, geojson, focal-json or focal-xml.")
    String format;
    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output file (coco, focal-json, focal-xml) or folder (voc, geojson).")
    Path out;
    @Option(names = "--include-rejected", description = "Also write annotations reviewers rejected.")
    boolean includeRejected;

    private final StoreService stores;
    private final List<Exporter> exporters;

    @Activate
    public ExportCommand(@Reference StoreService stores, @Reference(service = Exporter.class,
            cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY) List<Exporter> exporters) {
        this.stores = stores;
        this.exporters = exporters;
    }

    @Override
    public Integer call() throws IOException {
        Exporter exporter = AnnotationsCommand.byId(exporters, format, "export");
        try (Store store = common.open(stores); ConsoleProgress progress = common.progress(spec.commandLine().getErr())) {
            DatasetContent content = store.content(name, includeRejected, progress);
            exporter.export(content, out, progress);
            long annotations = content.images().stream().mapToLong(i -> i.annotations().size()).sum();
            spec.commandLine().getOut().println("exported " + content.images().size() + " images, " + annotations
                    + " annotations of '" + name + "' as " + format + " to " + out);
        }
        return 0;
    }
}
