package org.focal.core.image;

import java.util.List;
import java.util.Map;

/**
 * What a reader knows about an image before any pixel is decoded. A whole slide is sizeZ = 1 with
 * several levels; a CT or MR volume is sizeZ &gt; 1 with one level and a z spacing.
 *
 * @param levels resolution levels, level 0 first (full resolution), downsamples increasing
 * @param associatedImages names of extra images such as "label", "macro" or "thumbnail"
 * @param properties key/values, standard keys in {@link ImageProperties}, others prefixed by format
 * @param geometry position and orientation of a volume in physical space; {@link VolumeGeometry#IDENTITY} when unknown
 */
public record ImageMetadata(
        String format,
        int width,
        int height,
        int sizeZ,
        int sizeT,
        int channels,
        PixelType pixelType,
        PixelCalibration calibration,
        List<ResolutionLevel> levels,
        int tileWidth,
        int tileHeight,
        List<String> associatedImages,
        Map<String, String> properties,
        VolumeGeometry geometry) {

    /** Metadata of an image without a known position in space (slides, photographs). */
    public ImageMetadata(String format, int width, int height, int sizeZ, int sizeT, int channels, PixelType pixelType,
            PixelCalibration calibration, List<ResolutionLevel> levels, int tileWidth, int tileHeight,
            List<String> associatedImages, Map<String, String> properties) {
        this(format, width, height, sizeZ, sizeT, channels, pixelType, calibration, levels, tileWidth, tileHeight,
                associatedImages, properties, VolumeGeometry.IDENTITY);
    }

    public ImageMetadata {
        if (width <= 0 || height <= 0 || sizeZ <= 0 || sizeT <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + " x " + height
                    + " x " + sizeZ + " z x " + sizeT + " t x " + channels + " c");
        }
        if (tileWidth <= 0 || tileHeight <= 0) {
            throw new IllegalArgumentException("tile size must be positive");
        }
        levels = List.copyOf(levels);
        if (levels.isEmpty() || levels.get(0).width() != width || levels.get(0).height() != height) {
            throw new IllegalArgumentException("level 0 must have the image size " + width + " x " + height);
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).downsample() <= levels.get(i - 1).downsample()) {
                throw new IllegalArgumentException("level downsamples must increase");
            }
        }
        associatedImages = List.copyOf(associatedImages);
        properties = Map.copyOf(properties);
        geometry = geometry == null ? VolumeGeometry.IDENTITY : geometry;
    }

    /** The level to read for a requested downsample: the most detailed level not finer than needed. */
    public int levelForDownsample(double downsample) {
        int best = 0;
        for (int i = 0; i < levels.size(); i++) {
            // tolerance: pyramid downsamples are rounded sizes, 4.0003 still serves a request for 4
            if (levels.get(i).downsample() <= downsample * 1.0001) {
                best = i;
            }
        }
        return best;
    }
}
