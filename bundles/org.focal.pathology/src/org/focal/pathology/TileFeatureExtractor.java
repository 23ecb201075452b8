package org.focal.pathology;

import java.util.List;

import org.focal.core.plugin.FocalPlugin;

/**
 * Computes a fixed list of named features of one analysed tile. DS service with property
 * {@code focal.features=<group>}; stateless and thread-safe (tiles are processed in parallel).
 * Feature names are stable because trained models refer to them: each starts with the group and a
 * dot, e.g. {@code nucleus.area.mean}. The slide pipeline concatenates the extractors' rows.
 */
public interface TileFeatureExtractor extends FocalPlugin {

    /** Feature group: "tile", "nucleus", "spatial" or "deep". */
    String group();

    /** Names of the values {@link #extract} returns, in order. */
    List<String> featureNames();

    /** One value per name; {@code NaN} where undefined (e.g. nucleus shape on a tile without nuclei). */
    double[] extract(TileAnalysis tile);
}
