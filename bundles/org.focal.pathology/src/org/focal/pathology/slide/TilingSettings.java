package org.focal.pathology.slide;

import org.focal.core.BadInputException;

/**
 * How a slide is cut into tiles: tile side in pixels at the analysis magnification, the
 * magnification (20x = 0.5 um/px), the least tissue fraction of a kept tile, and an optional
 * seeded random sample of the kept tiles ({@code sample = 0}: all tiles).
 *
 * @param fallbackPixelSizeUm pixel size assumed for images without calibration (e.g. plain PNG
 *        patches); NaN = assume the image is already at {@code magnification}
 */
public record TilingSettings(int tileSize, double magnification, double minTissue, int sample, long seed,
        double fallbackPixelSizeUm) {

    /** Smallest tile side: small patch datasets (50 x 50 breast IDC patches) take a tile that fits. */
    public static final int MIN_TILE = 32;
    public static final int MAX_TILE = 4096;
    public static final int DEFAULT_TILE = 512;
    public static final double DEFAULT_MAGNIFICATION = 20;
    /** Micrometres per pixel at 1x: 20x is 0.5 um/px, the usual scanner convention. */
    public static final double UM_AT_1X = 10.0;

    public TilingSettings {
        if (tileSize < MIN_TILE || tileSize > MAX_TILE) {
            throw new BadInputException("tile size must be between " + MIN_TILE + " and " + MAX_TILE + " pixels (usual: 224, 256, 299, 512, 1024), not " + tileSize);
        }
        if (!(magnification > 0) || magnification > 100) {
            throw new BadInputException("magnification must be between 0 and 100, not " + magnification);
        }
        if (!(minTissue >= 0 && minTissue <= 1)) {
            throw new BadInputException("minimum tissue fraction must be between 0 and 1, not " + minTissue);
        }
        if (sample < 0) {
            throw new BadInputException("sample must be 'all' or a positive number of tiles");
        }
    }

    public static TilingSettings defaults() {
        return new TilingSettings(DEFAULT_TILE, DEFAULT_MAGNIFICATION, 0.5, 0, 1, Double.NaN);
    }

    public TilingSettings withTileSize(int size) {
        return new TilingSettings(size, magnification, minTissue, sample, seed, fallbackPixelSizeUm);
    }

    public TilingSettings withMagnification(double mag) {
        return new TilingSettings(tileSize, mag, minTissue, sample, seed, fallbackPixelSizeUm);
    }

    public TilingSettings withSample(int n, long newSeed) {
        return new TilingSettings(tileSize, magnification, minTissue, n, newSeed, fallbackPixelSizeUm);
    }

    public TilingSettings withFallbackPixelSize(double um) {
        return new TilingSettings(tileSize, magnification, minTissue, sample, seed, um);
    }

    /** Pixel size of the analysis grid in micrometres. */
    public double analysisPixelSizeUm() {
        return UM_AT_1X / magnification;
    }
}
