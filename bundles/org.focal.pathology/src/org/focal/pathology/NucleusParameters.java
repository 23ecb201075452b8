package org.focal.pathology;

/**
 * Settings of nucleus segmentation. Lengths are in micrometres and areas in square micrometres, so
 * one setting serves 40x (about 0.25 um/px) and 20x (about 0.5 um/px); segmenters convert them with
 * the image's pixel size. Defaults were tuned on the 20 MoNuSeg images (see docs/pathology.md).
 *
 * @param stains colour deconvolution vectors; null (the default) means "estimate them from the image" (Macenko)
 * @param smoothingUm Gaussian sigma applied to the hematoxylin image
 * @param threshold hematoxylin optical density above which a pixel is nucleus; NaN = automatic
 *        (Otsu over the tissue pixels, times {@code thresholdScale})
 * @param thresholdScale factor on the automatic threshold
 * @param splitToleranceUm how far a distance-map maximum must rise above the saddle to its
 *        neighbour before touching nuclei are split there (larger = fewer splits)
 * @param minAreaUm2 smaller objects are dropped
 * @param maxAreaUm2 larger objects are dropped (clumps, tissue folds)
 * @param expandUm each nucleus is grown by this much into the background after watershed
 * @param localContrastUm scale (Gaussian sigma) of the local hematoxylin background; a pixel is
 *        nucleus only if it is also darker than {@code localContrastRatio} times that background,
 *        which opens the paler gaps between nuclei in crowded clusters; 0 switches it off
 * @param localContrastRatio see {@code localContrastUm}
 * @param openingUm radius of a morphological opening applied to each nucleus after the watershed:
 *        cuts ragged spurs into the cytoplasm and keeps the largest piece (annotators draw smooth
 *        outlines); 0 switches it off
 * @param ringContrast a nucleus must be darker (mean hematoxylin) than the thin ring of background
 *        around it by at least this fraction of the median such difference of the tile's nuclei;
 *        drops pale blobs of cytoplasm or stroma that only just pass the threshold; 0 switches it off
 */
public record NucleusParameters(
        StainVectors stains,
        double smoothingUm,
        double threshold,
        double thresholdScale,
        double splitToleranceUm,
        double minAreaUm2,
        double maxAreaUm2,
        double expandUm,
        double localContrastUm,
        double localContrastRatio,
        double openingUm,
        double ringContrast) {

    /** Pixel size assumed when an image has no calibration: 0.5 um, a 20x scan. */
    public static final double DEFAULT_PIXEL_SIZE_UM = 0.5;

    public NucleusParameters {
        if (!(smoothingUm >= 0) || !(thresholdScale > 0) || !(splitToleranceUm >= 0) || !(minAreaUm2 >= 0)
                || !(maxAreaUm2 > minAreaUm2) || !(expandUm >= 0) || threshold < 0 || !(localContrastUm >= 0)
                || !(localContrastRatio > 0) || !(openingUm >= 0) || !(ringContrast >= 0)) {
            throw new IllegalArgumentException("invalid nucleus parameters " + toStringValues(smoothingUm, threshold,
                    thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast));
        }
    }

    public static NucleusParameters defaults() {
        return new NucleusParameters(null, 0.4, Double.NaN, 0.75, 0.2, 8, 400, 0.0, 3.0, 1.0, 1.1, 0.35);
    }

    public NucleusParameters withStains(StainVectors s) {
        return new NucleusParameters(s, smoothingUm, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withThreshold(double t) {
        return new NucleusParameters(stains, smoothingUm, t, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withThresholdScale(double s) {
        return new NucleusParameters(stains, smoothingUm, threshold, s, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withSmoothing(double um) {
        return new NucleusParameters(stains, um, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withSplitTolerance(double um) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, um, minAreaUm2, maxAreaUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withAreaRange(double minUm2, double maxUm2) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, splitToleranceUm, minUm2, maxUm2, expandUm, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withExpand(double um) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, um, localContrastUm, localContrastRatio, openingUm, ringContrast);
    }

    public NucleusParameters withLocalContrast(double um, double ratio) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm,
                um, ratio, openingUm, ringContrast);
    }

    public NucleusParameters withOpening(double um) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm,
                localContrastUm, localContrastRatio, um, ringContrast);
    }

    public NucleusParameters withRingContrast(double fractionOfMedian) {
        return new NucleusParameters(stains, smoothingUm, threshold, thresholdScale, splitToleranceUm, minAreaUm2, maxAreaUm2, expandUm,
                localContrastUm, localContrastRatio, openingUm, fractionOfMedian);
    }

    /** Largest nucleus diameter in micrometres (circle of {@link #maxAreaUm2}): how far tiles must overlap. */
    public double maxDiameterUm() {
        return 2 * Math.sqrt(maxAreaUm2 / Math.PI) + 2 * expandUm;
    }

    private static String toStringValues(double... v) {
        return java.util.Arrays.toString(v);
    }
}
