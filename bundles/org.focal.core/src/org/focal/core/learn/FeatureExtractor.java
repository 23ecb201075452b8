package org.focal.core.learn;

import java.util.List;

import org.focal.core.image.PixelBuffer;
import org.focal.core.plugin.FocalPlugin;

/**
 * Computes a fixed list of named features from one image tile. Feature names are stable: trained
 * models refer to them. Implementations are stateless and thread-safe.
 */
public interface FeatureExtractor extends FocalPlugin {

    /** Feature group, e.g. "tile", "nucleus", "spatial", "deep". */
    String group();

    /** Names of the values {@link #extract} returns, in order. */
    List<String> featureNames();

    /** Features of an RGB tile; one value per name ({@code NaN} where undefined). */
    double[] extract(PixelBuffer rgbTile);
}
