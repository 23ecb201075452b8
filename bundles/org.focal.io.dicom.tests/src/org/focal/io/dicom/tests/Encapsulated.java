package org.focal.io.dicom.tests;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Rewrites the encapsulated pixel data of a test file (one fragment per frame) with two fragments per frame. */
final class Encapsulated {

    private Encapsulated() {
    }

    static byte[] splitFragments(byte[] file, boolean basicOffsetTable) {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        int start = -1;
        for (int i = 0; i + header.length <= file.length; i++) {
            if (BadInputTest.regionMatches(file, i, header)) {
                start = i;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no encapsulated pixel data");
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int p = start + header.length;
        List<byte[]> fragments = new ArrayList<>();
        boolean first = true;
        while (true) {
            int group = in.getShort(p) & 0xFFFF;
            int element = in.getShort(p + 2) & 0xFFFF;
            int length = in.getInt(p + 4);
            p += 8;
            if (group == 0xFFFE && element == 0xE0DD) {
                break;
            }
            if (!first) {
                byte[] f = new byte[length];
                System.arraycopy(file, p, f, 0, length);
                fragments.add(f);
            }
            first = false;
            p += length;
        }
        int tailStart = p;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, start + header.length);
        // basic offset table: each frame's first item, relative to the first fragment item
        ByteBuffer bot = ByteBuffer.allocate(basicOffsetTable ? 4 * fragments.size() : 0).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        List<byte[]> items = new ArrayList<>();
        for (byte[] f : fragments) {
            if (basicOffsetTable) {
                bot.putInt((int) offset);
            }
            int half = (f.length / 2) & ~1;
            byte[] a = java.util.Arrays.copyOfRange(f, 0, half);
            byte[] b = java.util.Arrays.copyOfRange(f, half, f.length);
            items.add(a);
            items.add(b);
            offset += 16 + a.length + b.length;
        }
        writeItem(out, 0xE000, bot.array());
        for (byte[] item : items) {
            writeItem(out, 0xE000, item);
        }
        writeItem(out, 0xE0DD, new byte[0]);
        out.write(file, tailStart, file.length - tailStart);
        return out.toByteArray();
    }

    private static void writeItem(ByteArrayOutputStream out, int element, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) element).putInt(value.length);
        out.write(b.array(), 0, 8);
        out.write(value, 0, value.length);
    }
}
