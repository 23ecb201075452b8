package org.focal.io.imageio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordinary images against Pillow's decode of the same files (Debian's python3-pil). */
class ImageIoReaderTest {

    /** Prints mode, size and the pixels as raw bytes in hex (RGB or L, or 16-bit as big-endian). */
    private static final String PIL_DECODE = """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1])
            if im.mode in ('I;16', 'I;16B', 'I'):
                import numpy as np
                a = np.array(im).astype('>u2')
                print('I16', im.size[0], im.size[1], a.tobytes().hex())
            else:
                im = im.convert('L' if im.mode in ('L', 'LA', '1') else 'RGB')
                print(im.mode, im.size[0], im.size[1], im.tobytes().hex())
            """;

    @TempDir
    Path dir;

    record Reference(String mode, int width, int height, int[] samples) {
    }

    private static Reference pillow(Path file) {
        String[] parts = Tools.python(PIL_DECODE, file.toString()).strip().split(" ");
        byte[] bytes = java.util.HexFormat.of().parseHex(parts[3]);
        int[] samples;
        if (parts[0].equals("I16")) {
            samples = new int[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
            }
        } else {
            samples = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                samples[i] = bytes[i] & 0xFF;
            }
        }
        return new Reference(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), samples);
    }

    private static ImageReader reader() {
        return Services.await(ImageReader.class, "(focal.format=imageio)");
    }

    /** Mean absolute difference between Focal's whole-image read and Pillow's. */
    private static double compare(Path file, int channels) throws Exception {
        Reference ref = pillow(file);
        assertEquals(SupportLevel.FULL, reader().support(file));
        try (ImageSource s = reader().open(file, Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals(ref.width(), m.width());
            assertEquals(ref.height(), m.height());
            assertEquals(channels, m.channels());
            PixelBuffer b = s.read(RegionRequest.of(0, 0, m.width(), m.height()));
            double diff = 0;
            int i = 0;
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    for (int c = 0; c < channels; c++) {
                        diff += Math.abs(b.get(x, y, c) - ref.samples()[i++]);
                    }
                }
            }
            return diff / i;
        }
    }

    @Test
    void greyPngIsExact() throws Exception {
        assertEquals(0, compare(TestData.path("radiology/xray-chest-samples/png_nih_cxr14/00000001_000.png"), 1));
    }

    @Test
    void colourPngIsExact() throws Exception {
        assertEquals(0, compare(TestData.path("natural/ihc.png"), 3));
    }

    @Test
    void jpegMatchesWithinDecoderRounding() throws Exception {
        Path jpeg;
        try (var files = Files.list(TestData.path("microscopy/bccd-voc/JPEGImages"))) {
            jpeg = files.sorted().findFirst().orElseThrow();
        }
        double diff = compare(jpeg, 3);
        assertTrue(diff < 1.5, "mean difference " + diff);
        assertTrue(compare(TestData.path("natural/retina.jpg"), 3) < 1.5);
    }

    @Test
    void gifBmpAndSixteenBitPngFromPillowAreExact() throws Exception {
        Tools.python("""
                import sys, numpy as np
                from PIL import Image
                d = sys.argv[1]
                rgb = Image.open(sys.argv[2]).convert('RGB').crop((0, 0, 700, 600))
                rgb.save(d + '/a.bmp')
                rgb.quantize(64).save(d + '/a.gif')
                a = (np.arange(1300 * 1100, dtype=np.uint32) * 37 % 65536).astype(np.uint16).reshape(1100, 1300)
                Image.fromarray(a).save(d + '/a16.png')
                """, dir.toString(), TestData.path("natural/ihc.png").toString());
        assertEquals(0, compare(dir.resolve("a.bmp"), 3));
        assertEquals(0, compare(dir.resolve("a.gif"), 3));
        assertEquals(0, compare(dir.resolve("a16.png"), 1));
        try (ImageSource s = reader().open(dir.resolve("a16.png"), Map.of())) {
            assertEquals(PixelType.UINT16, s.metadata().pixelType());
            // a region crossing the 512-row strips
            PixelBuffer b = s.read(RegionRequest.of(1000, 500, 300, 600));
            int x = 1000 + 123;
            int y = 500 + 517;
            assertEquals((long) (y * 1300 + x) * 37 % 65536, (long) b.get(123, 517, 0));
        }
    }

    @Test
    void truncatedAndFakeImagesAreBadInput() throws Exception {
        byte[] png = Files.readAllBytes(TestData.path("natural/ihc.png"));
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Path headerOnly = Files.write(dir.resolve("header.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16});
        for (Path p : new Path[] {truncated, headerOnly}) {
            BadInputException e = assertThrows(BadInputException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (ImageSource s = reader().open(p, Map.of())) {
                    s.read(RegionRequest.of(0, 0, s.metadata().width(), s.metadata().height()));
                }
            }));
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
        Path text = Files.writeString(dir.resolve("notes.png"), "just text");
        assertEquals(SupportLevel.NONE, reader().support(text));
    }
}
