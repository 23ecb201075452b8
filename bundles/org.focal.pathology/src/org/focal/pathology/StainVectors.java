package org.focal.pathology;

import java.util.Arrays;

import org.focal.core.BadInputException;
import org.focal.core.image.PixelBuffer;
import org.focal.pathology.internal.Macenko;

/**
 * Optical-density directions (unit vectors over R, G, B) of two stains plus a residual direction,
 * for colour deconvolution (Ruifrok &amp; Johnston, Anal Quant Cytol Histol 2001). Immutable.
 *
 * @param name short description shown to users, e.g. "H&E (Ruifrok)"
 */
public record StainVectors(String name, double[] hematoxylin, double[] eosin, double[] residual) {

    /** The standard H&amp;E vectors of Ruifrok &amp; Johnston, residual orthogonal to both. */
    public static final StainVectors HE_RUIFROK = of("H&E (Ruifrok)", new double[] {0.644211, 0.716556, 0.266844},
            new double[] {0.092789, 0.954111, 0.283111});

    public StainVectors {
        hematoxylin = unit(hematoxylin, "hematoxylin");
        eosin = unit(eosin, "eosin");
        residual = unit(residual, "residual");
    }

    /** Two stain vectors and the residual that completes them (their normalised cross product). */
    public static StainVectors of(String name, double[] hematoxylin, double[] eosin) {
        double[] h = unit(hematoxylin, "hematoxylin");
        double[] e = unit(eosin, "eosin");
        double[] r = {h[1] * e[2] - h[2] * e[1], h[2] * e[0] - h[0] * e[2], h[0] * e[1] - h[1] * e[0]};
        // keep the residual in the positive octant where possible, as ImageJ's Colour Deconvolution does
        if (r[0] + r[1] + r[2] < 0) {
            r[0] = -r[0];
            r[1] = -r[1];
            r[2] = -r[2];
        }
        return new StainVectors(name, h, e, r);
    }

    /**
     * The image's own H&amp;E vectors estimated with Macenko's method (Macenko et al., ISBI 2009):
     * the plane of the two largest principal directions of tissue optical densities, the robust
     * extreme angles (1st and 99th percentile) in that plane as the two stains, hematoxylin being
     * the one absorbing more red. Falls back to {@link #HE_RUIFROK} when too few tissue pixels exist.
     */
    public static StainVectors estimateMacenko(PixelBuffer rgb) {
        return Macenko.estimate(rgb).orElse(HE_RUIFROK);
    }

    /**
     * The stain vectors a command-line word names: "ruifrok" (any case) gives {@link #HE_RUIFROK},
     * "estimate" gives null, meaning "estimate them from the image" ({@link NucleusSegmenter#prepare}
     * does, with Macenko), anything else is parsed as explicit vectors.
     */
    public static StainVectors fromOption(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "ruifrok" -> HE_RUIFROK;
            case "estimate" -> null;
            default -> parse(text);
        };
    }

    /** Parses "r,g,b;r,g,b" (hematoxylin; eosin), e.g. from a command-line option. */
    public static StainVectors parse(String text) {
        String[] parts = text.split(";");
        if (parts.length != 2) {
            throw new BadInputException("stain vectors must be 'hR,hG,hB;eR,eG,eB', not '" + text + "'");
        }
        return of("custom", vector(parts[0], text), vector(parts[1], text));
    }

    /** Inverse of the matrix whose rows are the three vectors: maps optical density to stain amounts. */
    public double[][] inverse() {
        double[][] m = {hematoxylin, eosin, residual};
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        if (Math.abs(det) < 1e-9) {
            throw new BadInputException("stain vectors " + this + " are not independent");
        }
        // od = amounts x M, so amounts = od x M^-1; returned as [stain][channel] coefficients
        double[][] inv = {
                {(e * i - f * h) / det, -(b * i - c * h) / det, (b * f - c * e) / det},
                {-(d * i - f * g) / det, (a * i - c * g) / det, -(a * f - c * d) / det},
                {(d * h - e * g) / det, -(a * h - b * g) / det, (a * e - b * d) / det}};
        double[][] coefficients = new double[3][3];
        for (int stain = 0; stain < 3; stain++) {
            for (int channel = 0; channel < 3; channel++) {
                coefficients[stain][channel] = inv[channel][stain];
            }
        }
        return coefficients;
    }

    @Override
    public String toString() {
        return name + " H" + Arrays.toString(round(hematoxylin)) + " E" + Arrays.toString(round(eosin));
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray();
    }

    private static double[] vector(String part, String text) {
        String[] xyz = part.split(",");
        if (xyz.length != 3) {
            throw new BadInputException("stain vectors must be 'hR,hG,hB;eR,eG,eB', not '" + text + "'");
        }
        try {
            return new double[] {Double.parseDouble(xyz[0].trim()), Double.parseDouble(xyz[1].trim()), Double.parseDouble(xyz[2].trim())};
        } catch (NumberFormatException ex) {
            throw new BadInputException("stain vectors must be numbers: '" + text + "'");
        }
    }

    private static double[] unit(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " vector needs 3 components");
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new BadInputException(what + " stain vector must not be zero");
        }
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
