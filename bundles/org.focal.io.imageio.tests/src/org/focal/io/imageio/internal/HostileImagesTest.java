package org.focal.io.imageio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: hostile and huge ordinary images. Headers declaring more pixels than the file holds
 * overflowed {@code PixelBuffer.allocate} with a stack trace (5), huge PNGs were decoded at full
 * resolution for a thumbnail (6), truncated JPEGs came out grey without a word (12).
 */
class HostileImagesTest {

    @TempDir
    Path dir;

    private static ImageReader reader() {
        return Services.await(ImageReader.class, "(focal.format=imageio)");
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
        out.write(len.array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A PNG with the given header and zlib data. */
    static Path png(Path file, int width, int height, int colourType, byte[] zlib) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colourType)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array());
            chunk(out, "IDAT", zlib);
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    /**
     * zlib data of {@code repeat} copies of {@code block}: the block is deflated once, ending in a
     * full flush (no back-references across copies), so gigabytes of rows cost milliseconds to make.
     */
    static byte[] repeatedZlib(byte[] block, int repeat) {
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(block);
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            part.write(buf, 0, n);
        } while (n == buf.length);
        deflater.finish();
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        while (!deflater.finished()) {
            end.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        Adler32 adler = new Adler32();
        for (int i = 0; i < repeat; i++) {
            adler.update(block);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0xDA);
        byte[] once = part.toByteArray();
        for (int i = 0; i < repeat; i++) {
            out.write(once, 0, once.length);
        }
        out.writeBytes(end.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) adler.getValue()).array());
        return out.toByteArray();
    }

    private void assertRefused(Path file, String size) throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (ImageSource s = reader().open(file, Map.of())) {
                s.read(new RegionRequest(0, 0, s.metadata().width(), s.metadata().height(),
                        Math.max(s.metadata().width(), s.metadata().height()) / 512.0, 0, 0));
            }
        });
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(size), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void pngHeadersDeclaringHugeSizesAreRefusedNamingFileAndSize() throws IOException {
        byte[] tiny = repeatedZlib(new byte[100001], 1);
        assertRefused(png(dir.resolve("100k.png"), 100000, 100000, 0, tiny), "100000 x 100000");
        assertRefused(png(dir.resolve("max.png"), Integer.MAX_VALUE, Integer.MAX_VALUE, 2, tiny),
                Integer.MAX_VALUE + " x " + Integer.MAX_VALUE);
        // within the decoder's limit, but 1.6 G pixels cannot come from 100 bytes of deflate data
        assertRefused(png(dir.resolve("40k.png"), 40000, 40000, 0, tiny), "40000 x 40000 pixels, more than its");
    }

    /** A valid 60000 x 60000 RGB PNG: more pixels than the JDK decoder reads, so refused up front. */
    @Test
    void pngLargerThanTheJdkDecoderReadsIsRefusedNamingItsSize() throws IOException {
        int w = 60000;
        byte[] block = new byte[20 * (1 + 3 * w)];
        Path file = png(dir.resolve("60k.png"), w, w, 2, repeatedZlib(block, w / 20));
        assertRefused(file, "60000 x 60000 pixels is larger than Java's PNG decoder reads");
    }

    @Test
    void jpegWhoseSof0WasPatchedToHugeSizeIsRefused() throws IOException {
        byte[] jpeg = Files.readAllBytes(TestData.path("pathology/lc25000-lung/lung_n/lungn100.jpeg"));
        int i = 2;
        while ((jpeg[i + 1] & 0xFF) != 0xC0 && (jpeg[i + 1] & 0xFF) != 0xC2) {
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
        }
        ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) 65500).putShort((short) 65500);
        assertRefused(Files.write(dir.resolve("sof.jpg"), jpeg), "65500 x 65500");
        ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) 30000).putShort((short) 30000);
        assertRefused(Files.write(dir.resolve("sof30k.jpg"), jpeg), "30000 x 30000 pixels, more than its 8161 bytes");
    }

    @Test
    void truncatedJpegFailsClearlyInsteadOfComingOutGrey() throws IOException {
        byte[] jpeg = Files.readAllBytes(TestData.path("pathology/lc25000-lung/lung_n/lungn100.jpeg"));
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        try (ImageSource s = reader().open(file, Map.of())) {
            BadInputException e = assertThrows(BadInputException.class, () -> s.read(RegionRequest.of(0, 0, 224, 224)));
            assertTrue(e.getMessage().startsWith(file + ": truncated JPEG data"), e.getMessage());
        }
        // only the end marker missing: every pixel is there, so it reads
        Path noEnd = Files.write(dir.resolve("no-eoi.jpg"), Arrays.copyOf(jpeg, jpeg.length - 2));
        try (ImageSource s = reader().open(noEnd, Map.of())) {
            assertEquals(224, s.read(RegionRequest.of(0, 0, 224, 224)).width());
        }
    }

    /**
     * A real 27000 x 27000 RGB PNG (2.2 G samples: the whole-image buffer of a thumbnail overflowed)
     * is read with subsampling in one decode pass; the thumbnail shows its left-to-right red ramp.
     */
    @Test
    void thumbnailOfAHugePngIsReadSubsampled() throws IOException {
        int w = 27000;
        int rows = 50;
        byte[] block = new byte[rows * (1 + 3 * w)];
        for (int r = 0; r < rows; r++) {
            int start = r * (1 + 3 * w);
            for (int x = 0; x < w; x++) {
                block[start + 1 + 3 * x] = (byte) (x * 255L / (w - 1));
                block[start + 2 + 3 * x] = (byte) 128;
            }
        }
        Path file = png(dir.resolve("huge.png"), w, w, 2, repeatedZlib(block, w / rows));
        try (ImageSource s = reader().open(file, Map.of())) {
            RegionRequest thumbnail = new RegionRequest(0, 0, w, w, w / 512.0, 0, 0);
            assertTrue(((ImageIoSource) s).subsampling(thumbnail) > 1);
            PixelBuffer b = s.read(thumbnail);
            assertEquals(512, b.width());
            assertEquals(512, b.height());
            for (int x = 0; x < 512; x += 51) {
                double expected = (x + 0.5) * 255 / 512;
                assertEquals(expected, b.get(x, 300, 0), 3, "red at " + x);
                assertEquals(128, b.get(x, 300, 1));
                assertEquals(0, b.get(x, 300, 2));
            }
            // half outside the image: zeros there, the ramp's right half on the left
            PixelBuffer half = s.read(new RegionRequest(w / 2, 0, w, w, w / 512.0, 0, 0));
            assertEquals(512, half.width());
            assertEquals(191, half.get(128, 10, 0), 3);
            assertEquals(0, half.get(400, 10, 1));
        }
    }
}
