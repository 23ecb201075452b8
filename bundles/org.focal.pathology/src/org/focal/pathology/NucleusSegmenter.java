package org.focal.pathology;

import java.util.List;

import org.focal.core.image.PixelBuffer;
import org.focal.core.plugin.FocalPlugin;

/**
 * Finds nuclei in one RGB tile. Implementations are DS services (property
 * {@code focal.segmenter=<id>}), stateless and thread-safe: the classical one ships with Focal, a
 * deep-learning one can be installed next to it. Whole regions and slides are processed tile by
 * tile with overlap by {@link TiledNucleusDetection}.
 */
public interface NucleusSegmenter extends FocalPlugin {

    /**
     * Segments an 8-bit RGB tile.
     *
     * @param rgb the tile's pixels at full resolution
     * @param originX level-0 x of the tile's top-left pixel (added to every outline and centroid)
     * @param originY level-0 y of the tile's top-left pixel
     * @param pixelSizeUm the image's pixel size in micrometres
     * @param params settings; {@link NucleusParameters#stains()} must be set here (tiling resolves "estimate")
     */
    TileSegmentation segment(PixelBuffer rgb, int originX, int originY, double pixelSizeUm, NucleusParameters params);

    /**
     * Settings fixed once for a whole region before it is tiled, so that every tile uses the same
     * stain vectors and threshold. {@code overview} is the region read at {@code downsample}; the
     * default resolves only the stain vectors.
     */
    default NucleusParameters prepare(PixelBuffer overview, double downsample, double pixelSizeUm, NucleusParameters params) {
        return params.stains() != null ? params : params.withStains(StainVectors.estimateMacenko(overview));
    }

    /**
     * What one tile produced: the nuclei, plus the label image (0 = background, nucleus i has
     * {@link Nucleus#label()}) and the hematoxylin image (unsmoothed, deconvolved with
     * {@code params.stains()}), which feature extraction reuses.
     * The arrays may be null for segmenters that do not produce them.
     */
    record TileSegmentation(List<Nucleus> nuclei, int width, int height, int[] labels, float[] hematoxylin,
            double thresholdUsed) {
    }
}
