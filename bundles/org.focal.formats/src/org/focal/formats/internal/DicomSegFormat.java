package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.ProgressMonitor;
import org.focal.core.dataset.Label;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.ImportContext;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ReaderRegistry;
import org.focal.io.dicom.seg.DicomSeg;
import org.locationtech.jts.geom.Geometry;

/**
 * DICOM SEG objects as mask annotations: one MASK per segment per frame, on the dataset image the
 * frame was derived from (ReferencedSOPInstanceUID equal to the image's SOPInstanceUID), else on
 * the plane of an image of the referenced series at the frame's ImagePositionPatient. Segment
 * labels are mapped to the dataset's labels like label-map values (user mapping by segment number,
 * else SegmentLabel).
 */
final class DicomSegFormat {

    private static final String SOP_INSTANCE = "dicom.SOPInstanceUID";

    private DicomSegFormat() {
    }

    static DatasetContent read(Path in, ImportContext ctx, ReaderRegistry readers, ProgressMonitor monitor) throws IOException {
        List<Path> files = Formats.files(in, p -> true, "files");
        return SegmentImport.readAll(files, ctx, "Reading DICOM SEG", monitor, (file, into) -> readOne(DicomSeg.read(file), ctx, into));
    }

    private static void readOne(DicomSeg seg, ImportContext ctx, SegmentImport into) {
        Path file = seg.file();
        Map<Integer, String> names = new HashMap<>();
        seg.segments().forEach(s -> names.put(s.number(), s.label()));
        List<Integer> present = seg.frames().stream().filter(f -> !f.pixels().isEmpty()).map(DicomSeg.Frame::segment).distinct()
                .sorted().toList();
        Map<Integer, Label> labels = Planes.labels(file, ctx, present, names, "segment");
        List<ImportContext.Target> chosen = Planes.chosen(file, ctx);
        Map<String, ImportContext.Target> bySop = new HashMap<>();
        List<ImportContext.Target> series = new ArrayList<>();
        for (ImportContext.Target t : chosen) {
            if (t.metadata() == null) {
                continue;
            }
            String sop = t.metadata().properties().get(SOP_INSTANCE);
            if (sop != null && t.metadata().sizeZ() == 1) {
                bySop.put(sop.strip(), t);
            }
            String uid = t.metadata().properties().get(ImageProperties.SERIES_INSTANCE_UID);
            if (ctx.options().containsKey("image") || seg.referencedSeriesUid() == null
                    || seg.referencedSeriesUid().equals(uid == null ? null : uid.strip())) {
                series.add(t);
            }
        }
        if (bySop.isEmpty() && series.isEmpty()) {
            throw BadInputException.forFile(file, "references series " + Excerpt.of(seg.referencedSeriesUid()) + ", which dataset '"
                    + ctx.dataset() + "' does not have (import the series' images first)");
        }
        Planes planes = new Planes(series);
        double[] ps = seg.pixelSpacing();
        double[] o = seg.orientation();
        String fileName = file.getFileName().toString();
        for (DicomSeg.Frame f : seg.frames()) {
            if (f.pixels().isEmpty()) {
                continue;
            }
            Planes.Plane plane = null;
            ImportContext.Target bySopInstance = f.referencedSopInstanceUid() == null ? null : bySop.get(f.referencedSopInstanceUid());
            if (bySopInstance != null) {
                ImportContext.Target t = bySopInstance;
                if (t.metadata().width() != seg.columns() || t.metadata().height() != seg.rows()) {
                    throw BadInputException.forFile(file, "frame " + (f.index() + 1) + " is " + seg.columns() + " x " + seg.rows()
                            + " but its source image '" + t.name() + "' is " + t.metadata().width() + " x " + t.metadata().height());
                }
                plane = new Planes.Plane(t, 0);
            } else if (f.position() != null && ps != null && o != null) {
                Optional<Planes.Plane> found = planes.find(new Planes.Slice(f.position(), new double[] {o[0], o[1], o[2]},
                        new double[] {o[3], o[4], o[5]}, ps[1], ps[0], seg.columns(), seg.rows()));
                plane = found.orElse(null);
            }
            if (plane == null) {
                throw BadInputException.forFile(file, "frame " + (f.index() + 1) + " (segment " + f.segment() + ") refers to "
                        + (f.referencedSopInstanceUid() == null ? "" : "SOP instance " + Excerpt.of(f.referencedSopInstanceUid()) + " ")
                        + (f.position() == null ? "" : String.format(Locale.ROOT, "at (%.3f, %.3f, %.3f) ", f.position()[0],
                                f.position()[1], f.position()[2]))
                        + "of series " + Excerpt.of(seg.referencedSeriesUid()) + ", which dataset '" + ctx.dataset() + "' does not have");
            }
            int w = seg.columns();
            Geometry g = Masks.outline(w, seg.rows(), (x, y) -> f.pixels().get(y * w + x));
            Label label = labels.get(f.segment());
            DicomSeg.Segment segment = seg.segment(f.segment()).orElseThrow();
            into.addMask(plane, g, segment.color() == null ? label : new Label(label.name(), segment.color(), label.hotkey()),
                    "dicom-seg", fileName, Integer.toString(f.index()));
        }
    }
}
