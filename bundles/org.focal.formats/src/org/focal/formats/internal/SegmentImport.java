package org.focal.formats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.ImportContext;

/** What the label-map and DICOM SEG importers share: content for the dataset images they found. */
final class SegmentImport {

    private SegmentImport() {
    }

    static DatasetContent content(ImportContext ctx, Map<String, List<Annotation>> byImage,
            Map<String, ImportContext.Target> targets, Map<String, Label> used) {
        List<DatasetContent.Image> images = new ArrayList<>();
        byImage.forEach((name, annotations) -> {
            var m = targets.get(name).metadata();
            images.add(new DatasetContent.Image(null, name, m.width(), m.height(), m.sizeZ(), Map.of(), annotations));
        });
        return new DatasetContent(new Dataset(ctx.dataset(), "", Task.SEGMENTATION, new LabelSet(List.copyOf(used.values())), null),
                images);
    }
}
