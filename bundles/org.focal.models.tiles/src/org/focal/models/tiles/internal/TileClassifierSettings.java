package org.focal.models.tiles.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.focal.core.BadInputException;
import org.focal.pathology.slide.TilingSettings;

/**
 * The settings of the tile-feature image classifier, from the trainer's string parameters:
 * {@code classifier} (xgboost, mlp, logistic), {@code tile} (pixels at the analysis magnification),
 * {@code magnification}, {@code min-tissue}, {@code fusion} (how an image's tile rows become one
 * vector, e.g. {@code mean} or {@code histogram:5}), {@code stains}, {@code seed}, and
 * {@code classifier.KEY} for the classifier's own parameters.
 */
record TileClassifierSettings(String classifier, int tile, double magnification, double minTissue, String fusion, String stains,
        long seed, Map<String, String> classifierParameters) {

    static final String CLASSIFIER_PREFIX = "classifier.";
    private static final Set<String> KEYS = Set.of("classifier", "tile", "magnification", "min-tissue", "fusion", "stains", "seed");

    static TileClassifierSettings parse(Map<String, String> p) {
        Map<String, String> classifierParameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().startsWith(CLASSIFIER_PREFIX)) {
                classifierParameters.put(e.getKey().substring(CLASSIFIER_PREFIX.length()), e.getValue());
            } else if (!KEYS.contains(e.getKey())) {
                throw new BadInputException("unknown parameter '" + e.getKey() + "' of the tile-features classifier; known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ", classifier.KEY");
            }
        }
        try {
            TileClassifierSettings s = new TileClassifierSettings(p.getOrDefault("classifier", "xgboost").strip().toLowerCase(Locale.ROOT),
                    Integer.parseInt(p.getOrDefault("tile", "112").strip()), Double.parseDouble(p.getOrDefault("magnification", "20").strip()),
                    Double.parseDouble(p.getOrDefault("min-tissue", "0.5").strip()), p.getOrDefault("fusion", "mean").strip(),
                    p.getOrDefault("stains", "ruifrok").strip(), Long.parseLong(p.getOrDefault("seed", "1").strip()), classifierParameters);
            s.tiling(); // the tiling checks its numbers and says what is allowed
            return s;
        } catch (NumberFormatException e) {
            throw new BadInputException("tile-features classifier: " + e.getMessage().toLowerCase(Locale.ROOT) + " is not a number");
        }
    }

    TilingSettings tiling() {
        return new TilingSettings(tile, magnification, minTissue, 0, seed, Double.NaN);
    }

    /** Every setting as strings, defaults included, for the model's record of how it was trained. */
    Map<String, String> asParameters() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("classifier", classifier);
        all.put("tile", Integer.toString(tile));
        all.put("magnification", Double.toString(magnification));
        all.put("min-tissue", Double.toString(minTissue));
        all.put("fusion", fusion);
        all.put("stains", stains);
        all.put("seed", Long.toString(seed));
        classifierParameters.forEach((k, v) -> all.put(CLASSIFIER_PREFIX + k, v));
        return all;
    }

    /** {@code histogram:5} is fusion {@code histogram} with argument {@code 5}. */
    String fusionId() {
        int colon = fusion.indexOf(':');
        return colon < 0 ? fusion : fusion.substring(0, colon);
    }

    String fusionArgument() {
        int colon = fusion.indexOf(':');
        return colon < 0 ? null : fusion.substring(colon + 1);
    }
}
