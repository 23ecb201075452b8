package org.focal.io.dicom.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random-access bytes of a DICOM file (positional reads, thread-safe). */
abstract class ByteSource implements Closeable {

    abstract long size();

    /** Reads exactly {@code len} bytes at {@code pos}; {@link EOFException} when the source ends first. */
    abstract void read(long pos, byte[] dst, int off, int len) throws IOException;

    byte[] read(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        read(pos, b, 0, len);
        return b;
    }

    static ByteSource open(Path path) throws IOException {
        return new FileSource(FileChannel.open(path, StandardOpenOption.READ));
    }

    /** A file read through {@link FileChannel#read(ByteBuffer, long)}, which is safe for concurrent use. */
    static final class FileSource extends ByteSource {
        private final FileChannel channel;
        private final long size;

        FileSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        void read(long pos, byte[] dst, int off, int len) throws IOException {
            if (pos < 0 || pos + len > size) {
                throw new EOFException("read of " + len + " bytes at " + pos + " past the end (" + size + " bytes)");
            }
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long p = pos;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, p);
                if (n < 0) {
                    throw new EOFException("file ended at " + p);
                }
                p += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Bytes held in memory (an inflated deflate transfer syntax data set). */
    static final class ArraySource extends ByteSource {
        private final byte[] data;
        private final int length;

        ArraySource(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        @Override
        long size() {
            return length;
        }

        @Override
        void read(long pos, byte[] dst, int off, int len) throws IOException {
            if (pos < 0 || pos + len > length) {
                throw new EOFException("read of " + len + " bytes at " + pos + " past the end (" + length + " bytes)");
            }
            System.arraycopy(data, (int) pos, dst, off, len);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
