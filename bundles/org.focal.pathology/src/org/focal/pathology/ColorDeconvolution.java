package org.focal.pathology;

import org.focal.core.BadInputException;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;

/**
 * Colour deconvolution of 8-bit RGB into stain amounts (Ruifrok &amp; Johnston 2001): optical
 * density {@code OD = -log10((I + 1) / 256)} per channel, then the inverse stain matrix. Written
 * here rather than taken from a library because it is three lookups and nine multiply-adds per
 * pixel and sits on the hot path of every tile.
 */
public final class ColorDeconvolution {

    /** Optical density of each 8-bit intensity; +1 keeps black finite (OD 2.41). */
    private static final float[] OD = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            OD[i] = (float) -Math.log10((i + 1) / 256.0);
        }
    }

    private ColorDeconvolution() {
    }

    /** Optical density of an 8-bit intensity. */
    public static float opticalDensity(int intensity) {
        return OD[intensity & 0xFF];
    }

    /** All three stain images of an 8-bit RGB buffer. */
    public static StainImages deconvolve(PixelBuffer rgb, StainVectors stains) {
        int n = checkRgb(rgb);
        float[] h = new float[n];
        float[] e = new float[n];
        float[] r = new float[n];
        deconvolve(rgb, stains, h, e, r);
        return new StainImages(rgb.width(), rgb.height(), h, e, r);
    }

    /** Only the hematoxylin image (what nucleus segmentation needs). */
    public static float[] hematoxylin(PixelBuffer rgb, StainVectors stains) {
        float[] h = new float[checkRgb(rgb)];
        deconvolve(rgb, stains, h, null, null);
        return h;
    }

    /**
     * Writes the stain amounts into the given arrays; any of {@code h}, {@code e}, {@code r} may be
     * null when not needed (e.g. the hematoxylin a segmenter already computed).
     */
    public static void deconvolve(PixelBuffer rgb, StainVectors stains, float[] h, float[] e, float[] r) {
        int n = checkRgb(rgb);
        byte[] p = (byte[]) rgb.data();
        double[][] m = stains.inverse();
        float h0 = (float) m[0][0], h1 = (float) m[0][1], h2 = (float) m[0][2];
        float e0 = (float) m[1][0], e1 = (float) m[1][1], e2 = (float) m[1][2];
        float r0 = (float) m[2][0], r1 = (float) m[2][1], r2 = (float) m[2][2];
        float[] od = OD;
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            float odR = od[p[j] & 0xFF];
            float odG = od[p[j + 1] & 0xFF];
            float odB = od[p[j + 2] & 0xFF];
            if (h != null) {
                h[i] = Math.max(0f, h0 * odR + h1 * odG + h2 * odB);
            }
            if (e != null) {
                e[i] = Math.max(0f, e0 * odR + e1 * odG + e2 * odB);
            }
            if (r != null) {
                r[i] = Math.max(0f, r0 * odR + r1 * odG + r2 * odB);
            }
        }
    }

    private static int checkRgb(PixelBuffer rgb) {
        if (rgb.channels() != 3 || (rgb.type() != PixelType.UINT8)) {
            throw new BadInputException("colour deconvolution needs 8-bit RGB, not " + rgb.channels() + " x " + rgb.type());
        }
        return rgb.width() * rgb.height();
    }
}
