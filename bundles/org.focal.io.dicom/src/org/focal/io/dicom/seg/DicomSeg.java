package org.focal.io.dicom.seg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A DICOM Segmentation object (SOP class 1.2.840.10008.5.1.4.1.1.66.4), read with Focal's own
 * Part 10 parser: its segments, and per frame the segment it belongs to, where it lies
 * (ImagePositionPatient, the referenced source SOP instance) and its pixels. BINARY frames are
 * 1-bit packed; FRACTIONAL frames count a pixel in when its value is at least half of
 * MaximumFractionalValue.
 *
 * @param type {@code BINARY} or {@code FRACTIONAL}
 * @param referencedSeriesUid the SeriesInstanceUID of ReferencedSeriesSequence, or null
 * @param pixelSpacing row spacing, column spacing in mm, or null
 * @param orientation ImageOrientationPatient (6 values), or null
 */
public record DicomSeg(Path file, String type, int rows, int columns, String referencedSeriesUid, String frameOfReferenceUid,
        double[] pixelSpacing, double[] orientation, List<Segment> segments, List<Frame> frames) {

    /** SOP Class UID of Segmentation Storage. */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    public DicomSeg {
        segments = List.copyOf(segments);
        frames = List.copyOf(frames);
    }

    /**
     * One segment.
     *
     * @param cielab RecommendedDisplayCIELabValue as stored (0-65535 each), or null
     * @param color that colour as sRGB {@code #rrggbb}, or null
     */
    public record Segment(int number, String label, String description, int[] cielab, String color) {
    }

    /**
     * One frame (0-based index).
     *
     * @param position ImagePositionPatient of the frame, or null
     * @param referencedSopInstanceUid the source image of DerivationImageSequence/SourceImageSequence, or null
     * @param pixels set bits are the segment's pixels, row-major ({@code y * columns + x})
     */
    public record Frame(int index, int segment, double[] position, String referencedSopInstanceUid, BitSet pixels) {
    }

    public Optional<Segment> segment(int number) {
        return segments.stream().filter(s -> s.number() == number).findFirst();
    }

    /** Reads a SEG file; bad input is a {@link org.focal.core.BadInputException} naming the file. */
    public static DicomSeg read(Path file) throws IOException {
        return org.focal.io.dicom.internal.SegReader.read(file);
    }
}
