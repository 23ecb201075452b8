package org.focal.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.focal.io.PngStreamWriter;
import org.junit.jupiter.api.Test;

/** The band-by-band PNG writer against the JDK's PNG decoder. */
class PngStreamWriterTest {

    private static BufferedImage writeInBands(byte[] pixels, int w, int h, int channels, int bandRows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PngStreamWriter png = new PngStreamWriter(bytes, w, h, channels)) {
            for (int y = 0; y < h; y += bandRows) {
                int rows = Math.min(bandRows, h - y);
                png.writeRows(Arrays.copyOfRange(pixels, y * w * channels, (y + rows) * w * channels), rows);
            }
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void rgbAndGreyWrittenInBandsDecodeToTheSamePixels() throws IOException {
        Random random = new Random(17);
        int w = 301;
        int h = 203;
        for (int channels : new int[] {1, 3}) {
            byte[] pixels = new byte[w * h * channels];
            for (int i = 0; i < pixels.length; i++) { // noise and smooth parts, so every filter gets chosen
                pixels[i] = (byte) (i % 7 == 0 ? random.nextInt(256) : (i / channels) % w);
            }
            BufferedImage image = writeInBands(pixels, w, h, channels, 37);
            assertEquals(w, image.getWidth());
            assertEquals(h, image.getHeight());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * channels;
                    int expected = channels == 1 ? pixels[i] & 0xFF
                            : (pixels[i] & 0xFF) << 16 | (pixels[i + 1] & 0xFF) << 8 | pixels[i + 2] & 0xFF;
                    int got = channels == 1 ? image.getRaster().getSample(x, y, 0) : image.getRGB(x, y) & 0xFFFFFF;
                    assertEquals(expected, got, channels + " channels at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void missingRowsAreAnError() throws IOException {
        PngStreamWriter png = new PngStreamWriter(new ByteArrayOutputStream(), 4, 4, 1);
        png.writeRows(new byte[8], 2);
        assertThrows(IOException.class, png::close);
    }
}
