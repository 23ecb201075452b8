package org.focal.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.ResolutionLevel;
import org.focal.io.DisplayWindow;
import org.focal.io.Rendering;
import org.junit.jupiter.api.Test;

class RenderingTest {

    private static ImageMetadata meta(PixelType type, int channels, Map<String, String> props) {
        return new ImageMetadata("t", 4, 1, 1, 1, channels, type, PixelCalibration.UNCALIBRATED,
                List.of(new ResolutionLevel(1, 4, 1)), 4, 1, List.of(), props);
    }

    @Test
    void eightBitRgbIsPassedThrough() {
        byte[] rgb = new byte[12];
        PixelBuffer b = new PixelBuffer(4, 1, 3, PixelType.UINT8, rgb);
        assertSame(rgb, Rendering.render(b, meta(PixelType.UINT8, 3, Map.of()), null).pixels());
    }

    @Test
    void ctWindowMapsHounsfieldUnitsAfterRescale() {
        // stored 0, 1000, 1040, 2000 with intercept -1024: -1024, -24, 16, 976 HU
        PixelBuffer b = new PixelBuffer(4, 1, 1, PixelType.INT16, new short[] {0, 1000, 1040, 2000});
        ImageMetadata m = meta(PixelType.INT16, 1, Map.of(ImageProperties.RESCALE_INTERCEPT, "-1024",
                ImageProperties.RESCALE_SLOPE, "1"));
        byte[] out = Rendering.render(b, m, new DisplayWindow(40, 400)).pixels();
        assertEquals(0, out[0] & 0xFF); // air below the window
        assertEquals(Math.round((-24 - (-160)) * 255 / 400.0), out[1] & 0xFF);
        assertEquals(Math.round((16 - (-160)) * 255 / 400.0), out[2] & 0xFF);
        assertEquals(255, out[3] & 0xFF); // bone above it
    }

    @Test
    void fileWindowIsUsedAndMonochrome1Inverted() {
        PixelBuffer b = new PixelBuffer(4, 1, 1, PixelType.UINT16, new short[] {0, 100, 200, 300});
        ImageMetadata m = meta(PixelType.UINT16, 1, Map.of(ImageProperties.WINDOW_CENTER, "100\\50",
                ImageProperties.WINDOW_WIDTH, "200", ImageProperties.PHOTOMETRIC, "MONOCHROME1"));
        byte[] out = Rendering.render(b, m, null).pixels();
        assertEquals(255, out[0] & 0xFF);
        assertEquals(255 - Math.round(100 * 255 / 200.0), out[1] & 0xFF);
        assertEquals(0, out[2] & 0xFF);
    }

    @Test
    void windowParsing() {
        assertEquals(new DisplayWindow(-600, 1500), DisplayWindow.parse("-600, 1500"));
        assertThrows(BadInputException.class, () -> DisplayWindow.parse("40"));
        assertThrows(BadInputException.class, () -> DisplayWindow.parse("40,0"));
        assertThrows(BadInputException.class, () -> DisplayWindow.parse("a,b"));
    }

    /** Issue 17 (6): a large region is rendered band by band with one window resolved up front. */
    @Test
    void bandsRenderedWithTheResolvedWindowMatchTheWholeImage() {
        int w = 40;
        int h = 30;
        short[] data = new short[w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (i * 37 % 4001);
        }
        PixelBuffer whole = new PixelBuffer(w, h, 1, PixelType.UINT16, data);
        ImageMetadata m = new ImageMetadata("test", w, h, 1, 1, 1, PixelType.UINT16, PixelCalibration.UNCALIBRATED,
                List.of(new ResolutionLevel(1, w, h)), w, h, List.of(), Map.of());
        byte[] expected = Rendering.render(whole, m, null).pixels();
        DisplayWindow window = Rendering.windowFor(whole, m, null);
        PixelBuffer lower = new PixelBuffer(w, 10, 1, PixelType.UINT16, java.util.Arrays.copyOfRange(data, 20 * w, 30 * w));
        byte[] band = Rendering.renderWith(lower, m, window).pixels();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 20 * w, 30 * w), band);
        PixelBuffer rgb = new PixelBuffer(1, 1, 3, PixelType.UINT8, new byte[] {1, 2, 3});
        assertEquals(null, Rendering.windowFor(rgb, m, null)); // 8-bit shown as stored
    }
}
