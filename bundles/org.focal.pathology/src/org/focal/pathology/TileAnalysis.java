package org.focal.pathology;

import java.util.List;

import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;

/**
 * One tile prepared for feature extraction. The pipeline reads the tile plus a margin (so that
 * nuclei cut by the tile border are seen whole), deconvolves and segments that region once, and
 * hands the result to every {@link TileFeatureExtractor}. Everything is in the region's own pixel
 * grid: (0, 0) is the region's top-left pixel, one pixel is {@code pixelSizeUm} wide.
 *
 * @param rgb the region's 8-bit RGB pixels
 * @param stains colour deconvolution of {@code rgb}, same size
 * @param labels nucleus label image of the region, row by row (0 = background; a nucleus's value is {@link Nucleus#label()})
 * @param coreX x of the tile inside the region
 * @param coreY y of the tile inside the region
 * @param coreWidth tile width
 * @param coreHeight tile height
 * @param nuclei the nuclei whose centroid lies in the tile, outlines and centroids in region pixels;
 *        they may reach past the tile edges (their pixels are in {@code labels})
 * @param pixelSizeUm pixel size in micrometres
 */
public record TileAnalysis(PixelBuffer rgb, StainImages stains, int[] labels, int coreX, int coreY, int coreWidth,
        int coreHeight, List<Nucleus> nuclei, double pixelSizeUm) {

    public TileAnalysis {
        int n = rgb.width() * rgb.height();
        if (rgb.channels() != 3 || rgb.type() != PixelType.UINT8) {
            throw new IllegalArgumentException("tile must be 8-bit RGB");
        }
        if (stains.width() != rgb.width() || stains.height() != rgb.height() || labels.length != n) {
            throw new IllegalArgumentException("stain and label images must match the region size");
        }
        if (coreX < 0 || coreY < 0 || coreWidth < 1 || coreHeight < 1 || coreX + coreWidth > rgb.width()
                || coreY + coreHeight > rgb.height()) {
            throw new IllegalArgumentException("tile must lie inside the region");
        }
        nuclei = List.copyOf(nuclei);
    }

    /** Region width in pixels. */
    public int width() {
        return rgb.width();
    }

    /** Region height in pixels. */
    public int height() {
        return rgb.height();
    }

    /** The tile's part of a region-sized single-channel image, row by row, {@code coreWidth x coreHeight}. */
    public float[] core(float[] regionImage) {
        float[] out = new float[coreWidth * coreHeight];
        for (int row = 0; row < coreHeight; row++) {
            System.arraycopy(regionImage, (coreY + row) * width() + coreX, out, row * coreWidth, coreWidth);
        }
        return out;
    }

    /** The tile's 8-bit RGB pixels, interleaved, {@code coreWidth x coreHeight x 3}. */
    public byte[] coreRgb() {
        byte[] src = (byte[]) rgb.data();
        byte[] out = new byte[coreWidth * coreHeight * 3];
        for (int row = 0; row < coreHeight; row++) {
            System.arraycopy(src, ((coreY + row) * width() + coreX) * 3, out, row * coreWidth * 3, coreWidth * 3);
        }
        return out;
    }
}
