package org.focal.io.dicom.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.focal.core.BadInputException;
import org.focal.core.Excerpt;
import org.focal.core.image.PixelType;
import org.focal.io.codecs.JpegDecoder;

/**
 * A parsed DICOM image file: its header, the image pixel module and where each frame's bytes
 * are. Frames are read on demand with positional reads; the file may be detached (closed) and is
 * then reopened for each read, so a folder of thousands of slices does not hold thousands of
 * open files.
 */
final class DicomFile implements Closeable {

    static final String WSI_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6";

    final Path path;
    final TransferSyntax syntax;
    final DicomObject meta;
    final DicomObject dataset;
    private volatile ByteSource source;
    private final boolean inMemory;

    final int rows;
    final int columns;
    final int samples;
    final int bitsAllocated;
    final int bitsStored;
    final int highBit;
    final boolean signed;
    final int planarConfiguration;
    final int frames;
    final String photometric;
    /** The faster JPEG decoder to try first (null: the JDK's); set when the image is opened. */
    volatile Supplier<JpegDecoder> jpegDecoder = () -> null;

    private final long pixelOffset;
    private final long pixelLength;
    private final String pixelVr;
    /** Encapsulated: fragment positions and lengths, and the first fragment of each frame (frames + 1 entries). */
    private long[] fragmentOffsets;
    private long[] fragmentLengths;
    private int[] frameFragments;

    DicomFile(Path path, ByteSource source, TransferSyntax syntax, DicomObject meta, DicomObject dataset,
            DicomParser.PixelDataHeader pixel, DicomInput in) throws IOException {
        this.path = path;
        this.source = source;
        this.inMemory = source instanceof ByteSource.ArraySource;
        this.syntax = syntax;
        this.meta = meta;
        this.dataset = dataset;
        if (pixel == null) {
            throw fail("has no Pixel Data (not an image, or the file is truncated before its pixels)");
        }
        rows = dataset.intValue(Tags.ROWS, -1);
        columns = dataset.intValue(Tags.COLUMNS, -1);
        if (rows <= 0 || columns <= 0) {
            throw fail("missing or invalid Rows/Columns (" + rows + " x " + columns + ")");
        }
        samples = dataset.intValue(Tags.SAMPLES_PER_PIXEL, 1);
        if (samples != 1 && samples != 3 && samples != 4) {
            throw fail("unsupported SamplesPerPixel " + samples);
        }
        bitsAllocated = dataset.intValue(Tags.BITS_ALLOCATED, -1);
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw fail("unsupported BitsAllocated " + bitsAllocated);
        }
        int stored = dataset.intValue(Tags.BITS_STORED, bitsAllocated);
        bitsStored = stored < 1 || stored > bitsAllocated ? bitsAllocated : stored;
        int high = dataset.intValue(Tags.HIGH_BIT, bitsStored - 1);
        highBit = high < bitsStored - 1 || high >= bitsAllocated ? bitsStored - 1 : high;
        signed = dataset.intValue(Tags.PIXEL_REPRESENTATION, 0) == 1;
        planarConfiguration = dataset.intValue(Tags.PLANAR_CONFIGURATION, 0);
        String pi = dataset.string(Tags.PHOTOMETRIC_INTERPRETATION);
        photometric = pi == null ? (samples == 1 ? "MONOCHROME2" : "RGB") : pi.strip();
        String nf = dataset.string(Tags.NUMBER_OF_FRAMES);
        frames = nf == null ? 1 : dataset.intValue(Tags.NUMBER_OF_FRAMES, -1);
        if (frames <= 0) {
            throw fail("invalid NumberOfFrames " + Excerpt.quoted(nf));
        }
        long pixelsPerFrame = (long) rows * columns * samples;
        long frameBytes = pixelsPerFrame * Math.max(1, bitsAllocated / 8);
        if (frameBytes > Integer.MAX_VALUE - 64 || frameBytes > Runtime.getRuntime().maxMemory() / 3) {
            throw fail("frames of " + columns + " x " + rows + " x " + samples + " samples are too large to decode in "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB of memory");
        }
        pixelOffset = pixel.valueOffset();
        pixelLength = pixel.length();
        pixelVr = pixel.vr();
        if (syntax.encapsulated) {
            if (pixelLength >= 0) {
                throw fail("Pixel Data must be encapsulated (undefined length) for transfer syntax " + Excerpt.of(syntax.uid));
            }
            scanFragments(in);
        } else {
            if (pixelLength < 0) {
                throw fail("Pixel Data has an undefined length but the transfer syntax " + Excerpt.of(syntax.uid) + " is not compressed");
            }
            long needed = (pixelsPerFrame * frames * bitsAllocated + 7) / 8;
            if (pixelLength < needed) {
                throw fail("Pixel Data holds " + pixelLength + " bytes but " + columns + " x " + rows + " x " + samples
                        + " samples x " + frames + " frame(s) of " + bitsAllocated + " bits need " + needed);
            }
        }
    }

    BadInputException fail(String problem) {
        return BadInputException.forFile(path, problem);
    }

    PixelType pixelType() {
        return switch (bitsAllocated) {
            case 1 -> PixelType.UINT8;
            case 8 -> signed ? PixelType.INT8 : PixelType.UINT8;
            case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
            default -> signed ? PixelType.INT32 : PixelType.UINT32;
        };
    }

    /** Channels of the decoded frames (colour is always delivered as RGB). */
    int channels() {
        return samples;
    }

    boolean isPixelDataOw() {
        return "OW".equals(pixelVr);
    }

    // ---------------------------------------------------------------- encapsulated frames

    private void scanFragments(DicomInput in) throws IOException {
        in.seek(pixelOffset);
        in.bigEndian = false;
        List<long[]> items = new ArrayList<>();
        while (true) {
            if (in.remaining() < 8) {
                throw fail("encapsulated Pixel Data is truncated (no sequence delimiter; file ends at offset " + in.size() + ")");
            }
            long p = in.position();
            int tag = (in.u16() << 16) | in.u16();
            long length = in.u32();
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw fail("corrupt encapsulated Pixel Data: expected an item at offset " + p + ", found "
                        + DicomElement.tagString(tag));
            }
            if (length == DicomParser.UNDEFINED || length > in.remaining()) {
                throw fail("Pixel Data fragment at offset " + p + " has length " + length + " past the end of the file ("
                        + in.remaining() + " bytes left)");
            }
            items.add(new long[] {p, in.position(), length});
            in.skip(length);
        }
        if (items.size() < 2) {
            throw fail("encapsulated Pixel Data has no fragments");
        }
        int n = items.size() - 1;
        fragmentOffsets = new long[n];
        fragmentLengths = new long[n];
        long[] itemStarts = new long[n];
        for (int i = 0; i < n; i++) {
            long[] it = items.get(i + 1);
            itemStarts[i] = it[0] - items.get(1)[0];
            fragmentOffsets[i] = it[1];
            fragmentLengths[i] = it[2];
        }
        long[] bot = offsetTable(items.get(0));
        frameFragments = mapByOffsets(bot, itemStarts, n);
        if (frameFragments == null && n == frames) {
            frameFragments = new int[frames + 1];
            for (int i = 0; i <= frames; i++) {
                frameFragments[i] = i;
            }
        }
        if (frameFragments == null && frames == 1) {
            frameFragments = new int[] {0, n};
        }
        if (frameFragments == null && n > frames && syntax.isJpegFamily()) {
            frameFragments = mapByEndOfImage(n);
        }
        if (frameFragments == null) {
            throw fail("encapsulated Pixel Data has " + n + " fragments for " + frames + " frames and no usable offset table");
        }
    }

    /** Frame offsets from the Extended Offset Table or the Basic Offset Table, or null. */
    private long[] offsetTable(long[] botItem) throws IOException {
        DicomElement eot = dataset.get(Tags.EXTENDED_OFFSET_TABLE);
        if (eot != null && eot.value() != null && eot.value().length == 8L * frames) {
            long[] out = new long[frames];
            byte[] v = eot.value();
            for (int i = 0; i < frames; i++) {
                long x = 0;
                for (int k = 7; k >= 0; k--) {
                    x = (x << 8) | (v[8 * i + k] & 0xFF);
                }
                out[i] = x;
            }
            return out;
        }
        long length = botItem[2];
        if (length == 0 || length % 4 != 0 || length / 4 != frames) {
            return null;
        }
        byte[] v = read(botItem[1], (int) length);
        long[] out = new long[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (v[4 * i] & 0xFFL) | (v[4 * i + 1] & 0xFFL) << 8 | (v[4 * i + 2] & 0xFFL) << 16 | (v[4 * i + 3] & 0xFFL) << 24;
        }
        return out;
    }

    private int[] mapByOffsets(long[] offsets, long[] itemStarts, int n) {
        if (offsets == null) {
            return null;
        }
        int[] map = new int[frames + 1];
        int f = 0;
        for (int i = 0; i < frames; i++) {
            while (f < n && itemStarts[f] < offsets[i]) {
                f++;
            }
            if (f >= n || itemStarts[f] != offsets[i] || (i > 0 && f <= map[i - 1])) {
                return null;
            }
            map[i] = f;
        }
        map[frames] = n;
        return map;
    }

    /** Splits fragments into frames after each fragment that ends with a JPEG EOI / J2K EOC marker. */
    private int[] mapByEndOfImage(int n) throws IOException {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < n; i++) {
            long len = fragmentLengths[i];
            if (len < 2) {
                continue;
            }
            int tail = (int) Math.min(len, 3);
            byte[] b = read(fragmentOffsets[i] + len - tail, tail);
            int e = tail;
            if (b[e - 1] == 0 && e == 3) {
                e--; // even-length padding
            }
            if ((b[e - 2] & 0xFF) == 0xFF && (b[e - 1] & 0xFF) == 0xD9 && i < n - 1) {
                starts.add(i + 1);
            }
        }
        if (starts.size() != frames) {
            return null;
        }
        int[] map = new int[frames + 1];
        for (int i = 0; i < frames; i++) {
            map[i] = starts.get(i);
        }
        map[frames] = n;
        return map;
    }

    /** The compressed bytes of one frame (fragments concatenated). */
    byte[] compressedFrame(int frame) throws IOException {
        int from = frameFragments[frame];
        int to = frameFragments[frame + 1];
        long total = 0;
        for (int i = from; i < to; i++) {
            total += fragmentLengths[i];
        }
        if (total > Integer.MAX_VALUE - 64) {
            throw fail("frame " + frame + " has " + total + " compressed bytes, too many to decode");
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (int i = from; i < to; i++) {
            read(fragmentOffsets[i], out, at, (int) fragmentLengths[i]);
            at += (int) fragmentLengths[i];
        }
        return out;
    }

    /** Bytes of a native (uncompressed) frame; for 1-bit data the bytes covering the frame's bits. */
    byte[] nativeFrame(int frame) throws IOException {
        long bitsPerFrame = (long) rows * columns * samples * bitsAllocated;
        long firstBit = bitsPerFrame * frame;
        long from = firstBit / 8;
        long to = (firstBit + bitsPerFrame + 7) / 8;
        return read(pixelOffset + from, (int) (to - from));
    }

    // ---------------------------------------------------------------- reading

    byte[] read(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        read(pos, b, 0, len);
        return b;
    }

    private void read(long pos, byte[] dst, int off, int len) throws IOException {
        try {
            ByteSource s = source;
            if (s != null) {
                s.read(pos, dst, off, len);
                return;
            }
            try (ByteSource reopened = ByteSource.open(path)) {
                reopened.read(pos, dst, off, len);
            }
        } catch (java.io.EOFException e) {
            throw fail("file is shorter than its header says (changed since it was opened?): " + e.getMessage());
        }
    }

    /** Closes the file; later reads reopen it for each read. In-memory (inflated) data stays. */
    void detach() throws IOException {
        if (!inMemory) {
            ByteSource s = source;
            source = null;
            if (s != null) {
                s.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        ByteSource s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }

    // ---------------------------------------------------------------- attributes

    String sopClassUid() {
        String s = dataset.string(Tags.SOP_CLASS_UID);
        return s != null ? s : meta.string(Tags.MEDIA_STORAGE_SOP_CLASS_UID);
    }

    boolean isWholeSlide() {
        return WSI_SOP_CLASS.equals(sopClassUid());
    }

    String seriesUid() {
        String s = dataset.string(Tags.SERIES_INSTANCE_UID);
        return s == null ? "" : s;
    }

    private DicomObject shared() {
        return dataset.item(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
    }

    private DicomObject perFrame(int frame) {
        List<DicomObject> items = dataset.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        return frame < items.size() ? items.get(frame) : null;
    }

    /** A value from the top level, else the shared functional groups, else the first frame's. */
    private double[] functional(int topTag, int groupSequence, int tag) {
        double[] v = dataset.doubles(topTag);
        if (v != null) {
            return v;
        }
        DicomObject s = shared();
        DicomObject g = s == null ? null : s.item(groupSequence);
        if (g != null && g.doubles(tag) != null) {
            return g.doubles(tag);
        }
        DicomObject f = perFrame(0);
        g = f == null ? null : f.item(groupSequence);
        return g == null ? null : g.doubles(tag);
    }

    /** Row spacing, column spacing in mm (PixelSpacing, else ImagerPixelSpacing); null when absent or not positive. */
    double[] pixelSpacing() {
        double[] s = functional(Tags.PIXEL_SPACING, Tags.PIXEL_MEASURES_SEQUENCE, Tags.PIXEL_SPACING);
        if (s == null || s.length < 2 || !(s[0] > 0) || !(s[1] > 0)) {
            s = dataset.doubles(Tags.IMAGER_PIXEL_SPACING);
        }
        return s == null || s.length < 2 || !(s[0] > 0) || !(s[1] > 0) ? null : s;
    }

    double spacingBetweenSlices() {
        double[] s = functional(Tags.SPACING_BETWEEN_SLICES, Tags.PIXEL_MEASURES_SEQUENCE, Tags.SPACING_BETWEEN_SLICES);
        return s == null || !(s[0] > 0) ? Double.NaN : s[0];
    }

    /** ImageOrientationPatient (6 values) or null. */
    double[] orientation() {
        double[] o = functional(Tags.IMAGE_ORIENTATION_PATIENT, Tags.PLANE_ORIENTATION_SEQUENCE, Tags.IMAGE_ORIENTATION_PATIENT);
        return o == null || o.length != 6 ? null : o;
    }

    /** ImagePositionPatient of a frame (per-frame functional groups, else the top level), or null. */
    double[] position(int frame) {
        DicomObject f = perFrame(frame);
        DicomObject g = f == null ? null : f.item(Tags.PLANE_POSITION_SEQUENCE);
        double[] p = g == null ? null : g.doubles(Tags.IMAGE_POSITION_PATIENT);
        if (p == null && frame == 0 || p == null && frames == 1) {
            p = dataset.doubles(Tags.IMAGE_POSITION_PATIENT);
        }
        if (p == null) {
            DicomObject s = shared();
            g = s == null ? null : s.item(Tags.PLANE_POSITION_SEQUENCE);
            p = g == null || frames > 1 ? null : g.doubles(Tags.IMAGE_POSITION_PATIENT);
        }
        return p == null || p.length != 3 ? null : p;
    }

    /** (column, row) of a frame's top-left pixel in the total pixel matrix, 1-based, or null. */
    int[] tilePosition(int frame) {
        DicomObject f = perFrame(frame);
        DicomObject g = f == null ? null : f.item(Tags.PLANE_POSITION_SLIDE_SEQUENCE);
        if (g == null) {
            return null;
        }
        int c = g.intValue(Tags.COLUMN_POSITION_IN_TOTAL_IMAGE_PIXEL_MATRIX, Integer.MIN_VALUE);
        int r = g.intValue(Tags.ROW_POSITION_IN_TOTAL_IMAGE_PIXEL_MATRIX, Integer.MIN_VALUE);
        return c == Integer.MIN_VALUE || r == Integer.MIN_VALUE ? null : new int[] {c, r};
    }

    /** Rescale slope and intercept (top level or pixel value transformation functional group), or null. */
    double[] rescale() {
        double[] slope = functional(Tags.RESCALE_SLOPE, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tags.RESCALE_SLOPE);
        double[] intercept = functional(Tags.RESCALE_INTERCEPT, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tags.RESCALE_INTERCEPT);
        if (slope == null && intercept == null) {
            return null;
        }
        return new double[] {slope == null ? 1 : slope[0], intercept == null ? 0 : intercept[0]};
    }

    /** First window centre and width, or null. */
    double[] window() {
        double[] c = functional(Tags.WINDOW_CENTER, Tags.FRAME_VOI_LUT_SEQUENCE, Tags.WINDOW_CENTER);
        double[] w = functional(Tags.WINDOW_WIDTH, Tags.FRAME_VOI_LUT_SEQUENCE, Tags.WINDOW_WIDTH);
        return c == null || w == null ? null : new double[] {c[0], w[0]};
    }

    int instanceNumber() {
        return dataset.intValue(Tags.INSTANCE_NUMBER, Integer.MAX_VALUE);
    }

    /** Value 3 of ImageType in upper case (VOLUME, LABEL, OVERVIEW, THUMBNAIL for slides), or "". */
    String imageFlavor() {
        String[] t = dataset.strings(Tags.IMAGE_TYPE);
        return t.length >= 3 ? t[2].toUpperCase(java.util.Locale.ROOT) : "";
    }

    long totalPixelMatrixColumns() {
        return dataset.longValue(Tags.TOTAL_PIXEL_MATRIX_COLUMNS, columns);
    }

    long totalPixelMatrixRows() {
        return dataset.longValue(Tags.TOTAL_PIXEL_MATRIX_ROWS, rows);
    }
}
