package org.focal.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile files: each must fail fast with a one-line {@link BadInputException} naming the
 * file and the problem (the timeouts only guard against hangs).
 */
class BadInputTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    /** Opens (and reads a region of) the file, expecting a BadInputException that names it. */
    private String expectBad(Path file) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            ImageReader reader = TestSupport.reader();
            BadInputException e = assertThrows(BadInputException.class, () -> {
                try (ImageSource s = reader.open(file, Map.of())) {
                    s.read(RegionRequest.of(0, 0, Math.min(64, s.metadata().width()), Math.min(64, s.metadata().height())));
                }
            });
            String msg = e.getMessage();
            assertTrue(msg.contains(file.getFileName().toString()), "message names the file: " + msg);
            assertFalse(msg.contains("\n"), "one line: " + msg);
            return msg;
        });
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A 32 x 32 grey image in four 16 x 16 uncompressed tiles, with the offsets and counts given. */
    private static TestTiffs tiled(boolean big, long[] offsets, long[] counts, int compression, byte[] payload) {
        int t = big ? TestTiffs.LONG8 : TestTiffs.LONG;
        return new TestTiffs(big).ifd(TestTiffs.e(256, 32), TestTiffs.e(257, 32), TestTiffs.e(258, 8),
                TestTiffs.e(259, compression), TestTiffs.e(262, 1), TestTiffs.e(277, 1), TestTiffs.e(322, 16),
                TestTiffs.e(323, 16), new TestTiffs.E(324, t, offsets.length, offsets, null),
                new TestTiffs.E(325, t, counts.length, counts, null)).payload(payload);
    }

    private static byte[] validTiled(boolean big) {
        byte[] pixels = new byte[4 * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        long base = tiled(big, new long[4], new long[4], 1, pixels).payloadOffset();
        return tiled(big, new long[] {base, base + 256, base + 512, base + 768}, new long[] {256, 256, 256, 256}, 1, pixels)
                .bytes();
    }

    @Test
    void theSyntheticBaseFileIsValid() throws Exception {
        for (boolean big : new boolean[] {false, true}) {
            Path p = write(big ? "ok-big.tif" : "ok.tif", validTiled(big));
            assertEquals(SupportLevel.FULL, TestSupport.reader().support(p));
            try (ImageSource s = TestSupport.reader().open(p, Map.of())) {
                PixelBuffer b = s.read(RegionRequest.of(0, 0, 32, 32));
                assertEquals(17, b.get(1, 1, 0)); // tile 0, row 1, column 1
                assertEquals((byte) (256 + 16 * 2 + 3), (byte) b.get(19, 2, 0)); // tile 1
            }
        }
    }

    @Test
    void randomBytesWithTiffNames() throws Exception {
        byte[] noise = new byte[1 << 20];
        new Random(7).nextBytes(noise);
        Path svs = write("noise.svs", noise);
        Path tif = write("noise.tif", noise);
        assertEquals(SupportLevel.NONE, TestSupport.reader().support(svs));
        assertTrue(expectBad(svs).contains("not a TIFF"));
        expectBad(tif);
        // random bytes behind a valid TIFF header
        byte[] headed = noise.clone();
        System.arraycopy(new byte[] {'I', 'I', 42, 0}, 0, headed, 0, 4);
        expectBad(write("headed.tif", headed));
        byte[] bigHeaded = noise.clone();
        System.arraycopy(new byte[] {'M', 'M', 0, 43, 0, 8, 0, 0}, 0, bigHeaded, 0, 8);
        expectBad(write("headed-big.tif", bigHeaded));
        // the registry says no reader wants it
        ReaderRegistry registry = TestSupport.service(ReaderRegistry.class, null);
        assertThrows(BadInputException.class, () -> registry.open(svs));
    }

    @Test
    void truncatedSvs() throws Exception {
        Path svs = TestSupport.svs();
        long size = Files.size(svs);
        for (long keep : new long[] {0, 7, 100, 4096, size / 2, 1_300_000, size - 1000, size - 1}) {
            byte[] head;
            try (InputStream in = Files.newInputStream(svs)) {
                head = in.readNBytes((int) keep);
            }
            Path cut = write("cut-" + keep + ".svs", head);
            String msg = expectBad(cut);
            assertFalse(msg.isBlank());
        }
    }

    @Test
    void absurdTileCounts() throws Exception {
        // a 2-gigapixel-square image in 16 x 16 tiles (1.5e16 tiles) listing one tile
        byte[] huge = new TestTiffs(false).ifd(TestTiffs.e(256, 2_000_000_000L), TestTiffs.e(257, 2_000_000_000L),
                TestTiffs.e(258, 8), TestTiffs.e(259, 1), TestTiffs.e(277, 1), TestTiffs.e(322, 16), TestTiffs.e(323, 16),
                TestTiffs.e(324, 100), TestTiffs.e(325, 256)).bytes();
        assertTrue(expectBad(write("huge.tif", huge)).contains("tiles"));
        // an offsets array claiming 10^9 entries in a small file
        byte[] lying = new TestTiffs(false).ifd(TestTiffs.e(256, 512_000), TestTiffs.e(257, 512_000), TestTiffs.e(258, 8),
                TestTiffs.e(259, 1), TestTiffs.e(277, 1), TestTiffs.e(322, 16), TestTiffs.e(323, 16),
                TestTiffs.lying(324, TestTiffs.LONG, 1_000_000_000L, 8), TestTiffs.lying(325, TestTiffs.LONG, 1_000_000_000L, 8))
                .bytes();
        assertTrue(expectBad(write("lying.tif", lying)).contains("1000000000"));
        // the same in BigTIFF with 10^12 entries
        byte[] lyingBig = new TestTiffs(true).ifd(TestTiffs.e(256, 1L << 30), TestTiffs.e(257, 1L << 30), TestTiffs.e(258, 8),
                TestTiffs.e(259, 1), TestTiffs.e(277, 1), TestTiffs.e(322, 16), TestTiffs.e(323, 16),
                TestTiffs.lying(324, TestTiffs.LONG8, 1_000_000_000_000L, 16),
                TestTiffs.lying(325, TestTiffs.LONG8, 1_000_000_000_000L, 16)).bytes();
        expectBad(write("lying-big.tif", lyingBig));
        // one LZW strip of 3.6 gigapixels: too large to decode at once
        byte[] strip = new TestTiffs(false).ifd(TestTiffs.e(256, 60_000), TestTiffs.e(257, 60_000), TestTiffs.e(258, 8),
                TestTiffs.e(259, 5), TestTiffs.e(277, 1), TestTiffs.e(273, 8), TestTiffs.e(279, 10)).bytes();
        assertTrue(expectBad(write("strip.tif", strip)).contains("too large"));
    }

    @Test
    void offsetsAndByteCountsPastTheEnd() throws Exception {
        for (boolean big : new boolean[] {false, true}) {
            byte[] ok = validTiled(big);
            long base = tiled(big, new long[4], new long[4], 1, new byte[1024]).payloadOffset();
            long[] counts = {256, 256, 256, 256};
            byte[] farOffset = tiled(big, new long[] {base, base + 256, big ? 1L << 50 : 0xFFFFFF00L, base + 768}, counts, 1,
                    new byte[1024]).bytes();
            assertTrue(expectBad(write("far" + big + ".tif", farOffset)).contains("past the end"));
            byte[] bigCount = tiled(big, new long[] {base, base + 256, base + 512, base + 768},
                    new long[] {256, 0x80000000L, 256, 256}, 1, new byte[1024]).bytes();
            assertTrue(expectBad(write("count" + big + ".tif", bigCount)).contains("past the end"));
            assertEquals(ok.length, farOffset.length);
        }
    }

    @Test
    void ifdLoops() throws Exception {
        byte[] ok = validTiled(false);
        TestTiffs self = tiled(false, new long[4], new long[4], 1, new byte[1024]);
        long base = self.payloadOffset();
        long[] offsets = {base, base + 256, base + 512, base + 768};
        long[] counts = {256, 256, 256, 256};
        byte[] selfLoop = tiled(false, offsets, counts, 1, new byte[1024]).next(0, 8).bytes();
        assertTrue(expectBad(write("loop-self.tif", selfLoop)).contains("loop"));
        // two IFDs pointing at each other
        TestTiffs two = tiled(false, offsets, counts, 1, new byte[1024]);
        two.ifd(TestTiffs.e(256, 16), TestTiffs.e(257, 16), TestTiffs.e(258, 8), TestTiffs.e(277, 1), TestTiffs.e(273, 8),
                TestTiffs.e(279, 1), TestTiffs.e(254, 1));
        byte[] twoLoop = two.next(1, 8).bytes();
        assertTrue(expectBad(write("loop-two.tif", twoLoop)).contains("loop"));
        // a SubIFD pointing back at the main IFD
        byte[] sub = new TestTiffs(false).ifd(TestTiffs.e(256, 32), TestTiffs.e(257, 32), TestTiffs.e(258, 8),
                TestTiffs.e(259, 1), TestTiffs.e(277, 1), TestTiffs.e(273, 8), TestTiffs.e(279, 1024),
                TestTiffs.e(330, 8)).bytes();
        assertTrue(expectBad(write("loop-sub.tif", sub)).contains("loop"));
        assertTrue(ok.length > 0);
    }

    @Test
    void corruptCompressedTilesFailOnRead() throws Exception {
        byte[] garbage = new byte[1024];
        new Random(3).nextBytes(garbage);
        TestTiffs layout = tiled(false, new long[4], new long[4], 7, garbage);
        long base = layout.payloadOffset();
        byte[] jpeg = tiled(false, new long[] {base, base + 256, base + 512, base + 768}, new long[] {256, 256, 256, 256}, 7,
                garbage).bytes();
        Path p = write("garbage-jpeg.tif", jpeg);
        String msg = expectBad(p);
        assertTrue(msg.contains("JPEG"), msg);
        byte[] deflate = tiled(false, new long[] {base, base + 256, base + 512, base + 768}, new long[] {256, 256, 256, 256},
                8, garbage).bytes();
        expectBad(write("garbage-deflate.tif", deflate));
    }

    @Test
    void supportNeverThrows() throws Exception {
        ImageReader reader = TestSupport.reader();
        assertEquals(SupportLevel.NONE, reader.support(tmp));
        assertEquals(SupportLevel.NONE, reader.support(tmp.resolve("missing.tif")));
        assertEquals(SupportLevel.NONE, reader.support(write("empty.tif", new byte[0])));
        assertEquals(SupportLevel.FULL, reader.support(write("header-only.tif", new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0})));
        BadInputException e = assertThrows(BadInputException.class, () -> reader.open(tmp.resolve("missing.tif"), Map.of()));
        assertTrue(e.getMessage().contains("missing.tif"));
        assertArrayEquals(new byte[0], Files.readAllBytes(tmp.resolve("empty.tif")));
    }

    /**
     * Issue 17 (1, 5): the SVS with every TileWidth patched to 0xFFFF made each 240 x 240 JPEG tile a
     * 47 MB buffer of zeros, and a thumbnail ran out of memory (exit 0, silently).
     */
    @Test
    void svsWithPatchedTileWidthIsRefused() throws Exception {
        byte[] svs = Files.readAllBytes(TestSupport.svs());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(svs);
        b.order(svs[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int patched = 0;
        for (long ifd = b.getInt(4) & 0xFFFFFFFFL; ifd != 0; ) {
            int n = b.getShort((int) ifd) & 0xFFFF;
            for (int i = 0; i < n; i++) {
                int entry = (int) ifd + 2 + 12 * i;
                if ((b.getShort(entry) & 0xFFFF) == 322) { // TileWidth
                    if (b.getShort(entry + 2) == 3) {
                        b.putShort(entry + 8, (short) 0xFFFF);
                    } else {
                        b.putInt(entry + 8, 0xFFFF);
                    }
                    patched++;
                }
            }
            ifd = b.getInt((int) ifd + 2 + 12 * n) & 0xFFFFFFFFL;
        }
        assertTrue(patched > 0);
        Path file = write("tile-ffff.svs", svs);
        String msg = expectBad(file);
        assertTrue(msg.contains("65535 x 240 tiles"), msg);
    }
}
