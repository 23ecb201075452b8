package org.focal.io;

import java.util.Arrays;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;

/**
 * Turns pixels into 8-bit grey or RGB for display and export to PNG: 8-bit grey/RGB as stored,
 * everything else through rescale (slope/intercept) and a display window, which is the one asked
 * for, else the file's own, else the 0.5-99.5 percentile range of the pixels. MONOCHROME1 is
 * inverted, as radiology viewers do.
 */
public final class Rendering {

    /** 8-bit interleaved pixels, 1 (grey) or 3 (RGB) channels. */
    public record Display(int width, int height, int channels, byte[] pixels) {
    }

    private Rendering() {
    }

    public static Display render(PixelBuffer buffer, ImageMetadata metadata, DisplayWindow window) {
        return renderWith(buffer, metadata, windowFor(buffer, metadata, window));
    }

    /**
     * The window {@link #render} maps through: the one asked for, else the file's, else the
     * percentile range of {@code sample}; {@code null} when the pixels are shown as stored (8-bit,
     * no window asked, not inverted). Resolve it once on a downsampled sample to render a large
     * image band by band with {@link #renderWith}, all bands alike.
     */
    public static DisplayWindow windowFor(PixelBuffer sample, ImageMetadata metadata, DisplayWindow asked) {
        Map<String, String> p = metadata.properties();
        boolean invert = "MONOCHROME1".equals(p.get(ImageProperties.PHOTOMETRIC));
        if (sample.type() == PixelType.UINT8 && asked == null && !invert) {
            return null;
        }
        if (asked != null) {
            return asked;
        }
        if (p.containsKey(ImageProperties.WINDOW_CENTER) && p.containsKey(ImageProperties.WINDOW_WIDTH)) {
            double c = number(p.get(ImageProperties.WINDOW_CENTER), Double.NaN);
            double ww = number(p.get(ImageProperties.WINDOW_WIDTH), Double.NaN);
            if (Double.isFinite(c) && ww > 0) {
                return new DisplayWindow(c, ww);
            }
        }
        int outChannels = sample.channels() >= 3 ? 3 : 1;
        return percentileWindow(sample, outChannels, number(p.get(ImageProperties.RESCALE_SLOPE), 1),
                number(p.get(ImageProperties.RESCALE_INTERCEPT), 0));
    }

    /** Renders with a window from {@link #windowFor} ({@code null}: 8-bit pixels as stored). */
    public static Display renderWith(PixelBuffer buffer, ImageMetadata metadata, DisplayWindow win) {
        int w = buffer.width();
        int h = buffer.height();
        int inChannels = buffer.channels();
        int outChannels = inChannels >= 3 ? 3 : 1;
        Map<String, String> p = metadata.properties();
        boolean invert = "MONOCHROME1".equals(p.get(ImageProperties.PHOTOMETRIC));
        if (win == null) {
            if (buffer.type() != PixelType.UINT8) {
                throw new IllegalArgumentException(buffer.type() + " pixels need a display window");
            }
            byte[] src = (byte[]) buffer.data();
            if (inChannels == outChannels) {
                return new Display(w, h, outChannels, src);
            }
            byte[] out = new byte[w * h * outChannels];
            for (int i = 0; i < w * h; i++) {
                System.arraycopy(src, i * inChannels, out, i * outChannels, outChannels);
            }
            return new Display(w, h, outChannels, out);
        }
        double slope = number(p.get(ImageProperties.RESCALE_SLOPE), 1);
        double intercept = number(p.get(ImageProperties.RESCALE_INTERCEPT), 0);
        double low = win.center() - win.width() / 2;
        double width = win.width();
        byte[] out = new byte[w * h * outChannels];
        for (int y = 0, j = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < outChannels; c++) {
                    double real = buffer.get(x, y, c) * slope + intercept;
                    long v = Math.round((real - low) * 255.0 / width);
                    v = Math.max(0, Math.min(255, v));
                    out[j++] = (byte) (invert ? 255 - v : v);
                }
            }
        }
        return new Display(w, h, outChannels, out);
    }

    private static DisplayWindow percentileWindow(PixelBuffer b, int channels, double slope, double intercept) {
        int n = b.width() * b.height();
        int step = Math.max(1, n / 200_000); // a sample is enough for percentiles
        double[] values = new double[(n + step - 1) / step * channels];
        int k = 0;
        for (int i = 0; i < n; i += step) {
            for (int c = 0; c < channels; c++) {
                values[k++] = b.get(i % b.width(), i / b.width(), c) * slope + intercept;
            }
        }
        values = Arrays.copyOf(values, k);
        Arrays.sort(values);
        double lo = values[(int) (0.005 * (k - 1))];
        double hi = values[(int) (0.995 * (k - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new DisplayWindow((lo + hi) / 2, hi - lo);
    }

    private static double number(String text, double fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.split("\\\\")[0].strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
