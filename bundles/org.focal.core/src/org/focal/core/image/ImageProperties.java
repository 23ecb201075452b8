package org.focal.core.image;

/**
 * Standard keys of {@link ImageMetadata#properties()} that readers fill in when the file has the
 * value. Format-specific values use a prefix: {@code aperio.}, {@code dicom.}, {@code nrrd.},
 * {@code tiff.}, {@code ome.}.
 */
public final class ImageProperties {

    /** DICOM Modality (CT, MR, CR, DX, SM, ...). */
    public static final String MODALITY = "modality";
    public static final String SERIES_INSTANCE_UID = "seriesInstanceUID";
    /** Linear map from stored to real values (HU for CT): real = stored * slope + intercept. */
    public static final String RESCALE_SLOPE = "rescaleSlope";
    public static final String RESCALE_INTERCEPT = "rescaleIntercept";
    /** Default display window from the file, in real (rescaled) units. */
    public static final String WINDOW_CENTER = "windowCenter";
    public static final String WINDOW_WIDTH = "windowWidth";
    /** DICOM photometric interpretation (MONOCHROME1 is displayed inverted). */
    public static final String PHOTOMETRIC = "photometricInterpretation";
    /** Objective magnification of level 0 (e.g. "20" or "40"), from Aperio AppMag or OME metadata. */
    public static final String MAGNIFICATION = "magnification";
    /** Compression of the stored pixels, e.g. "JPEG", "JPEG 2000", "LZW", "none". */
    public static final String COMPRESSION = "compression";

    private ImageProperties() {
    }
}
