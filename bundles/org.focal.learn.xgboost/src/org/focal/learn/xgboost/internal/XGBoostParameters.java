package org.focal.learn.xgboost.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.focal.core.BadInputException;

/**
 * The trainer's settings, parsed and checked from the strings users give. Unknown keys and values
 * out of range are a {@link BadInputException} naming the key.
 *
 * @param rounds maximum number of trees (per class for more than two classes)
 * @param earlyStopping cross-validation stops when the mean test metric did not improve for this many rounds
 * @param nfold folds of the cross-validation that picks the number of trees
 * @param cv whether to cross-validate; without it the model has {@code rounds} trees
 */
public record XGBoostParameters(int rounds, int earlyStopping, int nfold, double eta, int maxDepth, double minChildWeight,
        double subsample, double colsampleBytree, long seed, int nthread, boolean cv) {

    public static final Set<String> KEYS = Set.of("rounds", "early_stopping", "nfold", "eta", "max_depth",
            "min_child_weight", "subsample", "colsample_bytree", "seed", "nthread", "cv");

    public static XGBoostParameters parse(Map<String, String> parameters) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        for (String key : p.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadInputException("unknown XGBoost parameter '" + key + "' (known: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        int rounds = integer(p, "rounds", 500, 1, 100_000);
        int earlyStopping = integer(p, "early_stopping", 50, 1, 100_000);
        int nfold = integer(p, "nfold", 5, 2, 100);
        double eta = real(p, "eta", 0.1, 0, false, 1, true);
        int maxDepth = integer(p, "max_depth", 4, 1, 32);
        double minChildWeight = real(p, "min_child_weight", 1, 0, true, Double.MAX_VALUE, true);
        double subsample = real(p, "subsample", 0.8, 0, false, 1, true);
        double colsample = real(p, "colsample_bytree", 0.8, 0, false, 1, true);
        long seed = p.containsKey("seed") ? longValue(p, "seed") : 42;
        int nthread = integer(p, "nthread", Runtime.getRuntime().availableProcessors(), 1, 1024);
        boolean cv = bool(p, "cv", true);
        return new XGBoostParameters(rounds, earlyStopping, nfold, eta, maxDepth, minChildWeight, subsample, colsample,
                seed, nthread, cv);
    }

    /** The booster parameters for {@code classes} classes (binary: logistic + AUC, else softprob + mlogloss). */
    public Map<String, Object> booster(int classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (classes == 2) {
            m.put("objective", "binary:logistic");
            m.put("eval_metric", "auc");
        } else {
            m.put("objective", "multi:softprob");
            m.put("num_class", classes);
            m.put("eval_metric", "mlogloss");
        }
        m.put("tree_method", "hist");
        m.put("eta", eta);
        m.put("max_depth", maxDepth);
        m.put("min_child_weight", minChildWeight);
        m.put("subsample", subsample);
        m.put("colsample_bytree", colsampleBytree);
        m.put("seed", seed);
        m.put("nthread", nthread);
        m.put("verbosity", 0);
        return m;
    }

    /** The value of {@code key} parsed by {@code parse}, or a BadInputException saying it must be {@code kind}. */
    private static <T> T parsed(Map<String, String> p, String key, String kind, java.util.function.Function<String, T> parse) {
        String v = p.get(key);
        if (v == null) {
            throw new BadInputException("XGBoost parameter '" + key + "' has no value");
        }
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("XGBoost parameter '" + key + "' must be " + kind + ", was '" + v + "'");
        }
    }

    private static int integer(Map<String, String> p, String key, int def, int min, int max) {
        if (!p.containsKey(key)) {
            return def;
        }
        int i = parsed(p, key, "an integer", Integer::parseInt);
        if (i < min || i > max) {
            throw new BadInputException("XGBoost parameter '" + key + "' must be in " + min + ".." + max + ", was " + i);
        }
        return i;
    }

    private static long longValue(Map<String, String> p, String key) {
        return parsed(p, key, "an integer", Long::parseLong);
    }

    private static double real(Map<String, String> p, String key, double def, double min, boolean minInclusive,
            double max, boolean maxInclusive) {
        if (!p.containsKey(key)) {
            return def;
        }
        String v = p.get(key);
        double d = parsed(p, key, "a number", Double::parseDouble);
        boolean ok = !Double.isNaN(d) && (minInclusive ? d >= min : d > min) && (maxInclusive ? d <= max : d < max);
        if (!ok) {
            throw new BadInputException("XGBoost parameter '" + key + "' must be in " + (minInclusive ? "[" : "(") + min
                    + ", " + (max == Double.MAX_VALUE ? "inf" : String.valueOf(max)) + (maxInclusive ? "]" : ")")
                    + ", was " + v);
        }
        return d;
    }

    private static boolean bool(Map<String, String> p, String key, boolean def) {
        String v = p.get(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadInputException("XGBoost parameter '" + key + "' must be true or false, was '" + v + "'");
        };
    }
}
