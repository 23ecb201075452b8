package org.focal.io.dicom.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.io.dicom.seg.DicomSeg;

/** Reads DICOM SEG objects into {@link DicomSeg}: segments, per-frame functional groups, 1-bit or 8-bit frames. */
public final class SegReader {

    private static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
    private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    private static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
    private static final int SEGMENT_DESCRIPTION = 0x00620006;
    private static final int RECOMMENDED_DISPLAY_CIELAB = 0x0062000D;
    private static final int MAXIMUM_FRACTIONAL_VALUE = 0x0062000E;

    private SegReader() {
    }

    public static DicomSeg read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw BadInputException.forFile(path, "no such file");
        }
        try (DicomFile f = DicomParser.parse(path, ByteSource.open(path))) {
            DicomObject d = f.dataset;
            String sopClass = strip(f.sopClassUid());
            if (!DicomSeg.SOP_CLASS.equals(sopClass) && !"SEG".equals(strip(d.string(Tags.MODALITY)))) {
                throw f.fail("not a DICOM Segmentation (SOP class " + Excerpt.of(sopClass) + ", modality "
                        + Excerpt.of(d.string(Tags.MODALITY)) + ")");
            }
            String type = strip(d.string(Tags.SEGMENTATION_TYPE));
            type = type == null ? "BINARY" : type.toUpperCase(Locale.ROOT);
            if (!type.equals("BINARY") && !type.equals("FRACTIONAL")) {
                throw f.fail("unknown SegmentationType " + Excerpt.of(type));
            }
            if (type.equals("BINARY") && f.bitsAllocated != 1 || type.equals("FRACTIONAL") && f.bitsAllocated != 8) {
                throw f.fail(Excerpt.of(type) + " segmentation with BitsAllocated " + f.bitsAllocated + " (expected "
                        + (type.equals("BINARY") ? 1 : 8) + ")");
            }
            if (f.syntax.encapsulated) {
                throw f.fail("compressed SEG frames (" + Excerpt.of(f.syntax.uid) + ") are not read; only native and deflated SEG objects");
            }
            List<DicomSeg.Segment> segments = new ArrayList<>();
            for (DicomObject s : d.sequence(Tags.SEGMENT_SEQUENCE)) {
                int number = s.intValue(Tags.SEGMENT_NUMBER, -1);
                if (number < 1) {
                    throw f.fail("a SegmentSequence item has no valid SegmentNumber");
                }
                double[] lab = s.doubles(RECOMMENDED_DISPLAY_CIELAB);
                int[] cielab = lab == null || lab.length != 3 ? null : new int[] {(int) lab[0], (int) lab[1], (int) lab[2]};
                String label = strip(s.string(Tags.SEGMENT_LABEL));
                segments.add(new DicomSeg.Segment(number, label == null || label.isEmpty() ? "segment-" + number : label,
                        strip(s.string(SEGMENT_DESCRIPTION)), cielab, cielab == null ? null : rgb(cielab)));
            }
            if (segments.isEmpty()) {
                throw f.fail("SEG has no SegmentSequence items");
            }
            List<DicomObject> perFrame = d.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
            if (perFrame.size() != f.frames) {
                throw f.fail("PerFrameFunctionalGroupsSequence has " + perFrame.size() + " items for " + f.frames + " frames");
            }
            DicomObject shared = d.item(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
            Integer sharedSegment = null;
            if (shared != null && shared.item(Tags.SEGMENT_IDENTIFICATION_SEQUENCE) != null) {
                sharedSegment = shared.item(Tags.SEGMENT_IDENTIFICATION_SEQUENCE).intValue(Tags.REFERENCED_SEGMENT_NUMBER, -1);
            }
            double max = d.doubleValue(MAXIMUM_FRACTIONAL_VALUE, 255);
            List<DicomSeg.Frame> frames = new ArrayList<>();
            int pixels = f.rows * f.columns;
            for (int i = 0; i < f.frames; i++) {
                DicomObject g = perFrame.get(i);
                DicomObject id = g.item(Tags.SEGMENT_IDENTIFICATION_SEQUENCE);
                int segment = id != null ? id.intValue(Tags.REFERENCED_SEGMENT_NUMBER, -1) : sharedSegment == null ? -1 : sharedSegment;
                final int seg = segment;
                if (segments.stream().noneMatch(s -> s.number() == seg)) {
                    throw f.fail("frame " + (i + 1) + " refers to segment " + segment + ", which SegmentSequence lacks");
                }
                DicomObject source = g.path(DERIVATION_IMAGE_SEQUENCE, Tags.SOURCE_IMAGE_SEQUENCE);
                String sop = source == null ? null : strip(source.string(REFERENCED_SOP_INSTANCE_UID));
                BitSet bits = new BitSet(pixels);
                if (f.bitsAllocated == 1) {
                    long firstBit = (long) pixels * i;
                    int shift = (int) (firstBit % 8);
                    byte[] b = f.nativeFrame(i);
                    for (int p = 0; p < pixels; p++) {
                        int bit = p + shift;
                        if ((b[bit >>> 3] >> (bit & 7) & 1) != 0) {
                            bits.set(p);
                        }
                    }
                } else {
                    byte[] b = f.nativeFrame(i);
                    for (int p = 0; p < pixels; p++) {
                        if ((b[p] & 0xFF) >= max / 2) {
                            bits.set(p);
                        }
                    }
                }
                frames.add(new DicomSeg.Frame(i, segment, f.position(i), sop == null || sop.isEmpty() ? null : sop, bits));
            }
            DicomObject series = d.item(REFERENCED_SERIES_SEQUENCE);
            return new DicomSeg(path, type, f.rows, f.columns, series == null ? null : strip(series.string(Tags.SERIES_INSTANCE_UID)),
                    strip(d.string(Tags.FRAME_OF_REFERENCE_UID)), f.pixelSpacing(), f.orientation(), segments, frames);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.replace("\0", "").strip();
    }

    /** DICOM's scaled CIELab (PS3.3 C.10.7.1.1) to sRGB {@code #rrggbb}, D65 white. */
    static String rgb(int[] lab) {
        double l = lab[0] * 100.0 / 65535;
        double a = lab[1] * 255.0 / 65535 - 128;
        double bb = lab[2] * 255.0 / 65535 - 128;
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - bb / 200;
        double x = 0.95047 * finv(fx);
        double y = finv(fy);
        double z = 1.08883 * finv(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return String.format(Locale.ROOT, "#%02x%02x%02x", gamma(r), gamma(g), gamma(b));
    }

    private static double finv(double t) {
        return t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29);
    }

    private static int gamma(double c) {
        c = Math.max(0, Math.min(1, c));
        double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(v * 255);
    }
}
