package org.focal.io.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.focal.core.BadInputException;

/**
 * DICOM Part 10 parser: preamble and "DICM", the file meta group, then the data set up to the
 * top-level Pixel Data, whose position is remembered but whose value is not read. Every length
 * is checked against what encloses it before anything is read or allocated.
 */
final class DicomParser {

    static final long UNDEFINED = 0xFFFFFFFFL;
    /** Values up to this size are kept in memory; larger ones are skipped and only located. */
    private static final int MAX_KEPT_VALUE = 1 << 20;
    private static final int MAX_DEPTH = 24;
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB",
            "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US",
            "UT", "UV");

    /** Where the pixel data element was found. */
    record PixelDataHeader(String vr, long valueOffset, long length) {
    }

    private PixelDataHeader pixelData;

    private DicomParser() {
    }

    /** True when the first bytes look like a DICOM file: "DICM" at 128, or a group 0002/0008 element at 0. */
    static boolean looksLikeDicom(byte[] head, int n, boolean requirePreamble) {
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        if (requirePreamble || n < 8) {
            return false;
        }
        int group = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        if (group != 0x0002 && group != 0x0008) {
            return false;
        }
        int element = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
        if (element > 0x2000) {
            return false;
        }
        String vr = new String(new char[] {(char) (head[4] & 0xFF), (char) (head[5] & 0xFF)});
        if (VRS.contains(vr)) {
            return true;
        }
        long length = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16 | (head[7] & 0xFFL) << 24;
        return group == 0x0008 && length < 1024 && (length & 1) == 0; // implicit VR: a short even value
    }

    /**
     * Parses a file; {@code src} becomes owned by the result. Bad files raise {@link BadInputException}
     * naming the file.
     */
    static DicomFile parse(Path path, ByteSource src) throws IOException {
        try {
            return new DicomParser().doParse(path, src);
        } catch (IOException | RuntimeException e) {
            try {
                src.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof BadInputException || e instanceof IOException) {
                throw e;
            }
            throw BadInputException.forFile(path, "corrupt DICOM file (" + org.focal.core.Excerpt.message(e.toString()) + ")", e);
        }
    }

    private DicomFile doParse(Path path, ByteSource src) throws IOException {
        DicomInput in = new DicomInput(src, path);
        long size = src.size();
        byte[] head = src.read(0, (int) Math.min(size, 140));
        if (!looksLikeDicom(head, head.length, false)) {
            throw in.fail("not a DICOM file (no 'DICM' marker at offset 128 and no DICOM data element at the start)");
        }
        DicomObject meta = new DicomObject();
        boolean preamble = head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        in.seek(preamble ? 132 : 0);
        readMeta(in, meta);
        String tsUid = meta.string(Tags.TRANSFER_SYNTAX_UID);
        TransferSyntax ts;
        if (tsUid == null) {
            ts = guessSyntax(in);
        } else {
            tsUid = tsUid.replace("\0", "").strip();
            ts = TransferSyntax.of(tsUid);
            if (ts == null) {
                throw in.fail("unsupported transfer syntax " + TransferSyntax.describe(tsUid));
            }
        }
        ByteSource data = src;
        long dataStart = in.position();
        if (ts == TransferSyntax.DEFLATED_LE) {
            data = inflate(in, dataStart);
            src.close();
            in = new DicomInput(data, path);
            dataStart = 0;
        }
        in.seek(dataStart);
        in.bigEndian = ts.bigEndian;
        DicomObject dataset = readDataset(in, -1, ts.explicitVr, 0, true);
        return new DicomFile(path, data, ts, meta, dataset, pixelData, in);
    }

    private static TransferSyntax guessSyntax(DicomInput in) throws IOException {
        if (in.remaining() < 8) {
            throw in.fail("no data set after the file meta information");
        }
        long p = in.position();
        in.skip(4);
        String vr = in.vr();
        in.seek(p);
        return VRS.contains(vr) ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE;
    }

    private void readMeta(DicomInput in, DicomObject meta) throws IOException {
        in.bigEndian = false;
        while (in.remaining() >= 8) {
            long p = in.position();
            int group = in.u16();
            in.seek(p);
            if (group != 0x0002) {
                break;
            }
            DicomElement e = readElement(in, -1, true, 0, false);
            if (e != null) {
                meta.put(e);
            }
        }
    }

    private ByteSource inflate(DicomInput in, long start) throws IOException {
        long max = Math.min(Integer.MAX_VALUE - 64L, Runtime.getRuntime().maxMemory() / 3);
        Inflater inflater = new Inflater(true);
        try {
            byte[] out = new byte[(int) Math.min(max, Math.max(1 << 16, (in.size() - start) * 4))];
            int used = 0;
            byte[] chunk = new byte[1 << 16];
            long pos = start;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (pos >= in.size()) {
                        break; // truncated stream: parse what came out, lengths are checked there
                    }
                    int n = (int) Math.min(chunk.length, in.size() - pos);
                    in.source().read(pos, chunk, 0, n);
                    pos += n;
                    inflater.setInput(chunk, 0, n);
                }
                if (used == out.length) {
                    if (out.length >= max) {
                        throw in.fail("deflated data set expands beyond " + (max >> 20) + " MB");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(max, (long) out.length * 2));
                }
                int n = inflater.inflate(out, used, out.length - used);
                used += n;
                if (n == 0 && inflater.needsDictionary()) {
                    throw in.fail("corrupt deflated data set (preset dictionary)");
                }
            }
            return new ByteSource.ArraySource(out, used);
        } catch (DataFormatException e) {
            throw in.fail("corrupt deflated data set (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /**
     * Elements until {@code end} (absolute offset) or, when {@code end} is -1, until an item
     * delimitation (items) or the end of the file (top level). At top level it stops at Pixel Data.
     */
    private DicomObject readDataset(DicomInput in, long end, boolean explicit, int depth, boolean top) throws IOException {
        DicomObject obj = new DicomObject();
        while (true) {
            if (end >= 0 ? in.position() >= end : in.remaining() <= 0) {
                if (end < 0 && !top) {
                    throw in.fail("file is truncated inside a sequence item");
                }
                return obj;
            }
            if (top && in.remaining() < 8) {
                return obj; // trailing padding bytes
            }
            long p = in.position();
            int tag = (in.u16() << 16) | in.u16();
            in.seek(p);
            if (tag == Tags.ITEM_DELIMITATION) {
                in.skip(8);
                if (end < 0 && !top) {
                    return obj;
                }
                continue; // stray delimiter in a defined-length item: tolerated
            }
            DicomElement e = readElement(in, end, explicit, depth, top);
            if (e == null) {
                return obj; // pixel data reached
            }
            obj.put(e);
        }
    }

    /** One element; null at top-level Pixel Data (then {@link #pixelData} is set). */
    private DicomElement readElement(DicomInput in, long end, boolean explicit, int depth, boolean top) throws IOException {
        long start = in.position();
        int group = in.u16();
        int element = in.u16();
        int tag = (group << 16) | element;
        String vr;
        long length;
        if (explicit && group != 0xFFFE) {
            vr = in.vr();
            if (!VRS.contains(vr)) {
                if (vr.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                    vr = "UN"; // a VR from a newer edition: assume the 4-byte length form
                    in.skip(2);
                    length = in.u32();
                } else {
                    throw in.fail("corrupt data element " + DicomElement.tagString(tag) + " at offset " + start
                            + ": invalid value representation");
                }
            } else if (LONG_VRS.contains(vr)) {
                in.skip(2);
                length = in.u32();
            } else {
                length = in.u16();
            }
        } else {
            length = in.u32();
            vr = Tags.vr(tag);
        }
        long valueStart = in.position();
        long limit = end >= 0 ? end : in.size();
        if (top && tag == Tags.PIXEL_DATA) {
            if (length != UNDEFINED && length > in.size() - valueStart) {
                throw in.fail("Pixel Data length " + length + " runs past the end of the file (" + (in.size() - valueStart)
                        + " bytes left)");
            }
            pixelData = new PixelDataHeader(vr, valueStart, length == UNDEFINED ? -1 : length);
            return null;
        }
        if (group == 0xFFFE) {
            throw in.fail("unexpected item tag " + DicomElement.tagString(tag) + " at offset " + start);
        }
        if (length == UNDEFINED) {
            if ("SQ".equals(vr) || "UN".equals(vr) || !explicit) {
                boolean itemsExplicit = explicit && !"UN".equals(vr);
                List<DicomObject> items = readSequence(in, -1, itemsExplicit, depth + 1);
                return new DicomElement(tag, "SQ", valueStart, in.position() - valueStart, null, in.bigEndian, items);
            }
            throw in.fail("data element " + DicomElement.tagString(tag) + " (" + vr + ") at offset " + start
                    + " has an undefined length");
        }
        if (length > limit - valueStart) {
            throw in.fail("length " + length + " of data element " + DicomElement.tagString(tag) + " at offset " + start
                    + " runs past the end of " + (end >= 0 ? "its sequence item" : "the file") + " ("
                    + (limit - valueStart) + " bytes left)");
        }
        if ("SQ".equals(vr)) {
            List<DicomObject> items = readSequence(in, valueStart + length, explicit, depth + 1);
            in.seek(valueStart + length);
            return new DicomElement(tag, vr, valueStart, length, null, in.bigEndian, items);
        }
        byte[] value = null;
        if (length <= MAX_KEPT_VALUE) {
            value = in.bytes((int) length);
        } else {
            in.skip(length);
        }
        return new DicomElement(tag, vr, valueStart, length, value, in.bigEndian, null);
    }

    private List<DicomObject> readSequence(DicomInput in, long end, boolean explicit, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw in.fail("sequences nested deeper than " + MAX_DEPTH + " levels at offset " + in.position());
        }
        List<DicomObject> items = new ArrayList<>();
        while (end < 0 || in.position() < end) {
            long p = in.position();
            int tag = (in.u16() << 16) | in.u16();
            long length = in.u32();
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw in.fail("corrupt sequence: expected an item at offset " + p + ", found " + DicomElement.tagString(tag));
            }
            if (length == UNDEFINED) {
                items.add(readDataset(in, -1, explicit, depth, false));
            } else {
                long limit = end >= 0 ? end : in.size();
                if (length > limit - in.position()) {
                    throw in.fail("length " + length + " of a sequence item at offset " + p + " runs past the end of "
                            + (end >= 0 ? "its sequence" : "the file"));
                }
                long itemEnd = in.position() + length;
                items.add(readDataset(in, itemEnd, explicit, depth, false));
                in.seek(itemEnd);
            }
        }
        return items;
    }

}
