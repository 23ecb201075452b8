package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.ImportContext;
import org.locationtech.jts.geom.Geometry;

/** What the label-map and DICOM SEG importers share: masks collected per dataset image, then content. */
final class SegmentImport {

    /** Reads one file's masks into the import. */
    @FunctionalInterface
    interface FileReader {
        void read(Path file, SegmentImport into) throws IOException;
    }

    private final ImportContext ctx;
    private final Map<String, List<Annotation>> byImage = new LinkedHashMap<>();
    private final Map<String, ImportContext.Target> targets = new HashMap<>();
    private final Map<String, Label> used = new LinkedHashMap<>();
    private final Instant now = Instant.now();

    private SegmentImport(ImportContext ctx) {
        this.ctx = ctx;
    }

    /** Reads every file, then gives the content of the dataset images the masks lie on. */
    static DatasetContent readAll(List<Path> files, ImportContext ctx, String task, ProgressMonitor monitor, FileReader reader)
            throws IOException {
        SegmentImport into = new SegmentImport(ctx);
        monitor.begin(task, files.size());
        for (Path file : files) {
            monitor.checkCanceled();
            reader.read(file, into);
            monitor.worked(1);
        }
        monitor.done();
        return into.content();
    }

    /** A manual, accepted mask on plane z of an image; {@code idParts} make its stable id. */
    void addMask(Planes.Plane plane, Geometry mask, Label label, String... idParts) {
        used.put(label.name(), label);
        String image = plane.image().name();
        targets.put(image, plane.image());
        byImage.computeIfAbsent(image, k -> new ArrayList<>()).add(new Annotation(Formats.uuid(idParts), AnnotationKind.MASK, mask,
                new ImagePlane(plane.z(), 0), label.name(), AnnotationSource.MANUAL, null, Double.NaN, ReviewState.ACCEPTED, now, now));
    }

    private DatasetContent content() {
        List<DatasetContent.Image> images = new ArrayList<>();
        byImage.forEach((name, annotations) -> {
            var m = targets.get(name).metadata();
            images.add(new DatasetContent.Image(null, name, m.width(), m.height(), m.sizeZ(), Map.of(), annotations));
        });
        return new DatasetContent(new Dataset(ctx.dataset(), "", Task.SEGMENTATION, new LabelSet(List.copyOf(used.values())), null),
                images);
    }
}
