package org.focal.io.tiff.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.focal.core.BadInputException;
import org.focal.io.codecs.JpegDecoder;

/**
 * A TIFF or BigTIFF file opened for positional reads: the header and the chain of IFDs (with their
 * SubIFDs, parsed on demand). Nothing but the IFDs is read at open time; every count and offset is
 * checked against the file size before anything is allocated. Thread-safe: reads use
 * {@link FileChannel#read(ByteBuffer, long)}, which has no shared position.
 */
final class TiffFile implements Closeable {

    /** More IFDs than this in one file is taken for a corrupt chain. */
    static final int MAX_IFDS = 1 << 17;
    /** Bound on the IFD entries parsed in one file, against IFDs crafted to overlap. */
    static final long MAX_TOTAL_ENTRIES = 1 << 22;

    final Path path;
    final long size;
    final ByteOrder order;
    final boolean bigTiff;
    private final FileChannel channel;
    private final Set<Long> visited = new HashSet<>();
    private long totalEntries;
    private List<Ifd> ifds;
    /** The faster JPEG decoder to try first (null: the JDK's); set once when the file is opened. */
    volatile Supplier<JpegDecoder> jpegDecoder = () -> null;

    private TiffFile(Path path, FileChannel channel, long size, ByteOrder order, boolean bigTiff) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.order = order;
        this.bigTiff = bigTiff;
    }

    /** Result of a cheap look at the first bytes. */
    record Header(ByteOrder order, boolean bigTiff, long firstIfd) {
    }

    /** Parses the 8 (TIFF) or 16 (BigTIFF) header bytes; null when they are not a TIFF header. */
    static Header header(byte[] head, int length) {
        if (length < 8) {
            return null;
        }
        ByteOrder order;
        if (head[0] == 'I' && head[1] == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (head[0] == 'M' && head[1] == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, length).order(order);
        int version = b.getShort(2) & 0xFFFF;
        if (version == 42) {
            return new Header(order, false, b.getInt(4) & 0xFFFFFFFFL);
        }
        if (version == 43 && length >= 16 && b.getShort(4) == 8 && b.getShort(6) == 0) {
            return new Header(order, true, b.getLong(8));
        }
        return null;
    }

    static TiffFile open(Path path) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw BadInputException.forFile(path, "cannot open: " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            byte[] head = new byte[16];
            int n = readAt(channel, ByteBuffer.wrap(head), 0);
            Header h = header(head, Math.max(n, 0));
            if (h == null) {
                throw BadInputException.forFile(path, "not a TIFF file (" + size + " bytes, no II*/MM* or BigTIFF header)");
            }
            TiffFile file = new TiffFile(path, channel, size, h.order(), h.bigTiff());
            file.ifds = file.readChain(h.firstIfd());
            if (file.ifds.isEmpty()) {
                throw file.bad("no image directory (IFD)");
            }
            return file;
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** The main chain of IFDs (pages), in file order. */
    List<Ifd> ifds() {
        return ifds;
    }

    BadInputException bad(String problem) {
        return BadInputException.forFile(path, problem);
    }

    BadInputException bad(String problem, Throwable cause) {
        return BadInputException.forFile(path, problem, cause);
    }

    /** Follows next-IFD pointers from {@code offset}; loops and absurd chains are errors. */
    private List<Ifd> readChain(long offset) throws IOException {
        List<Ifd> chain = new ArrayList<>();
        while (offset != 0) {
            if (chain.size() >= MAX_IFDS) {
                throw bad("more than " + MAX_IFDS + " IFDs: corrupt IFD chain");
            }
            Ifd ifd = readIfd(offset);
            chain.add(ifd);
            offset = ifd.next;
        }
        return chain;
    }

    /** Reads the IFDs whose offsets a SubIFDs tag lists (each one IFD, next pointers not followed). */
    synchronized List<Ifd> readSubIfds(long[] offsets) throws IOException {
        List<Ifd> list = new ArrayList<>(offsets.length);
        for (long o : offsets) {
            list.add(readIfd(o));
        }
        return list;
    }

    private synchronized Ifd readIfd(long offset) throws IOException {
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        int nextSize = bigTiff ? 8 : 4;
        if (offset < 8 || offset > size - countSize) {
            throw bad("IFD offset " + offset + " lies outside the file (" + size + " bytes; truncated?)");
        }
        if (!visited.add(offset)) {
            throw bad("IFD loop: the IFD at offset " + offset + " is referenced twice");
        }
        ByteBuffer cb = read(offset, countSize);
        long count = bigTiff ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (count <= 0 || count > 65535) {
            throw bad("IFD at offset " + offset + " has " + Long.toUnsignedString(count) + " entries");
        }
        long bytes = count * entrySize + nextSize;
        if (offset + countSize + bytes > size) {
            throw bad("IFD at offset " + offset + " with " + count + " entries runs past the end of the file (truncated?)");
        }
        totalEntries += count;
        if (totalEntries > MAX_TOTAL_ENTRIES) {
            throw bad("more than " + MAX_TOTAL_ENTRIES + " IFD entries: corrupt file");
        }
        ByteBuffer b = read(offset + countSize, (int) bytes);
        Ifd ifd = new Ifd(this, offset);
        for (int i = 0; i < count; i++) {
            int p = i * entrySize;
            int tag = b.getShort(p) & 0xFFFF;
            int type = b.getShort(p + 2) & 0xFFFF;
            long n = bigTiff ? b.getLong(p + 4) : b.getInt(p + 4) & 0xFFFFFFFFL;
            int valuePos = p + (bigTiff ? 12 : 8);
            int inline = bigTiff ? 8 : 4;
            int typeSize = Ifd.typeSize(type);
            if (typeSize == 0 || !Tags.isKnown(tag)) {
                continue; // unknown types and tags we never read are skipped
            }
            if (n < 0 || n > size / typeSize + 1) {
                throw bad("tag " + tag + " in IFD at offset " + offset + " claims " + Long.toUnsignedString(n)
                        + " values, more than the file holds");
            }
            long len = n * typeSize;
            byte[] inlineBytes = null;
            long valueOffset = -1;
            if (len <= inline) {
                inlineBytes = new byte[(int) len];
                b.get(valuePos, inlineBytes);
            } else {
                valueOffset = bigTiff ? b.getLong(valuePos) : b.getInt(valuePos) & 0xFFFFFFFFL;
            }
            ifd.put(new Ifd.Entry(tag, type, n, valueOffset, inlineBytes));
        }
        int np = (int) (count * entrySize);
        ifd.next = bigTiff ? b.getLong(np) : b.getInt(np) & 0xFFFFFFFFL;
        return ifd;
    }

    /** Reads {@code length} bytes at {@code offset}; a range outside the file is a {@link BadInputException}. */
    ByteBuffer read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw bad("data at offset " + offset + " (" + length + " bytes) lies past the end of the file ("
                    + size + " bytes; truncated?)");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        int n = readAt(channel, b, offset);
        if (n < length) {
            throw bad("unexpected end of file at offset " + (offset + Math.max(n, 0)) + " (truncated?)");
        }
        b.clear();
        return b;
    }

    byte[] readBytes(long offset, int length) throws IOException {
        return read(offset, length).array();
    }

    private static int readAt(FileChannel channel, ByteBuffer b, long offset) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = channel.read(b, offset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
