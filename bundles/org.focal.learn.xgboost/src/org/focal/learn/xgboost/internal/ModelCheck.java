package org.focal.learn.xgboost.internal;

import java.util.List;
import java.util.Map;

/**
 * The consistency rules a tree model must meet before libxgboost may load it (it does not check them
 * itself and crashes on a tree whose arrays do not match its node count or whose child indices point
 * outside it). Only what our trainer writes is accepted: a {@code gbtree} of numerical splits with
 * scalar leaves, as UBJSON or JSON of XGBoost 1.6 or newer.
 */
final class ModelCheck {

    /** A typed float array of UBJSON, of which only the length and whether all values are finite are kept. */
    record Floats(long length, boolean finite) {
    }

    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** The arrays with one entry per node. */
    private static final List<String> PER_NODE = List.of("base_weights", "default_left", "left_children", "loss_changes",
            "parents", "right_children", "split_conditions", "split_indices", "split_type", "sum_hessian");

    private ModelCheck() {
    }

    /** Why {@code document} is not a model we can load, or null. */
    static String problem(Object document) {
        try {
            check(document);
            return null;
        } catch (Bad e) {
            return e.getMessage();
        }
    }

    private static void check(Object document) throws Bad {
        Map<?, ?> root = object(document, "model");
        Map<?, ?> learner = object(root.get("learner"), "learner");
        Map<?, ?> param = object(learner.get("learner_model_param"), "learner_model_param");
        long features = number(param.get("num_feature"), "num_feature", 0, Integer.MAX_VALUE);
        long numClass = number(param.get("num_class"), "num_class", 0, 1_000_000);
        long outputs = Math.max(1, numClass);
        finite(baseScore(param.get("base_score")), "base_score");
        Object objective = object(learner.get("objective"), "objective").get("name");
        if (!(objective instanceof String)) {
            throw new Bad("the model has no objective");
        }
        for (String names : List.of("feature_names", "feature_types")) {
            Object v = learner.get(names);
            if (v != null && length(v, names) != 0 && length(v, names) != features) {
                throw new Bad(names + " do not match num_feature " + features);
            }
        }
        Map<?, ?> booster = object(learner.get("gradient_booster"), "gradient_booster");
        if (!"gbtree".equals(booster.get("name"))) {
            throw new Bad("only gbtree models are supported, this is " + booster.get("name"));
        }
        Map<?, ?> model = object(booster.get("model"), "gbtree model");
        long numTrees = number(object(model.get("gbtree_model_param"), "gbtree_model_param").get("num_trees"), "num_trees",
                0, Integer.MAX_VALUE);
        List<?> trees = list(model.get("trees"), "trees");
        if (trees.size() != numTrees) {
            throw new Bad("num_trees is " + numTrees + " but the model has " + trees.size() + " trees");
        }
        long[] treeInfo = ints(model.get("tree_info"), "tree_info");
        if (treeInfo.length != numTrees) {
            throw new Bad("tree_info has " + treeInfo.length + " entries for " + numTrees + " trees");
        }
        for (long group : treeInfo) {
            if (group < 0 || group >= outputs) {
                throw new Bad("tree_info names output " + group + " of " + outputs);
            }
        }
        Object indptr = model.get("iteration_indptr");
        if (indptr != null) {
            long[] ptr = ints(indptr, "iteration_indptr");
            if (ptr.length == 0 || ptr[0] != 0 || ptr[ptr.length - 1] != numTrees) {
                throw new Bad("iteration_indptr does not span the trees");
            }
            for (int i = 1; i < ptr.length; i++) {
                if (ptr[i] < ptr[i - 1]) {
                    throw new Bad("iteration_indptr decreases");
                }
            }
        }
        for (int t = 0; t < trees.size(); t++) {
            tree(object(trees.get(t), "tree " + t), t, features);
        }
    }

    private static void tree(Map<?, ?> tree, int t, long features) throws Bad {
        // libxgboost places each tree by its "id": a wrong one leaves a tree slot empty (null in prediction)
        long id = number(tree.get("id"), "id of tree " + t, 0, Integer.MAX_VALUE);
        if (id != t) {
            throw new Bad("tree " + t + " has id " + id);
        }
        Map<?, ?> param = object(tree.get("tree_param"), "tree_param of tree " + t);
        long n = number(param.get("num_nodes"), "num_nodes", 1, Integer.MAX_VALUE);
        long treeFeatures = number(param.get("num_feature"), "num_feature", 0, Integer.MAX_VALUE);
        if (treeFeatures != features) {
            throw new Bad("tree " + t + " has num_feature " + treeFeatures + ", the model " + features);
        }
        Object leafVector = param.get("size_leaf_vector");
        if (leafVector != null && number(leafVector, "size_leaf_vector", 0, 1) > 1) {
            throw new Bad("vector-leaf trees are not supported");
        }
        for (String name : PER_NODE) {
            long len = length(tree.get(name), name + " of tree " + t);
            if (len != n) {
                throw new Bad(name + " of tree " + t + " has " + len + " entries for " + n + " nodes");
            }
        }
        for (String name : List.of("base_weights", "split_conditions", "loss_changes", "sum_hessian")) {
            // libxgboost sums NaN or infinite leaves into a NaN probability
            finite(tree.get(name), name + " of tree " + t);
        }
        for (String name : List.of("categories", "categories_nodes", "categories_segments", "categories_sizes")) {
            Object v = tree.get(name);
            if (v != null && length(v, name) != 0) {
                throw new Bad("categorical splits are not supported (tree " + t + ")");
            }
        }
        long[] left = ints(tree.get("left_children"), "left_children");
        long[] right = ints(tree.get("right_children"), "right_children");
        long[] parents = ints(tree.get("parents"), "parents");
        long[] split = ints(tree.get("split_indices"), "split_indices");
        long[] type = ints(tree.get("split_type"), "split_type");
        // every split node (reachable or not: importance visits them all) splits on a column of the
        // model and has both children inside the tree
        for (int i = 0; i < n; i++) {
            if (left[i] == -1 && right[i] == -1) {
                continue;
            }
            if (left[i] <= 0 || left[i] >= n || right[i] <= 0 || right[i] >= n || left[i] == right[i]) {
                throw new Bad("tree " + t + " node " + i + " has bad children " + left[i] + ", " + right[i]);
            }
            if (type[i] != 0) {
                throw new Bad("categorical splits are not supported (tree " + t + ")");
            }
            if (split[i] < 0 || split[i] >= features) {
                throw new Bad("tree " + t + " node " + i + " splits on column " + split[i] + " of " + features);
            }
        }
        // from the root, every node is reached once and points back to its parent (no cycles)
        boolean[] seen = new boolean[(int) n];
        int[] stack = new int[(int) n];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int i = stack[--top];
            if (left[i] == -1) {
                continue;
            }
            for (long c : new long[] {left[i], right[i]}) {
                if (seen[(int) c]) {
                    throw new Bad("tree " + t + " node " + c + " is reached twice");
                }
                if (parents[(int) c] != i) {
                    throw new Bad("tree " + t + " node " + c + " names parent " + parents[(int) c] + ", not " + i);
                }
                seen[(int) c] = true;
                stack[top++] = (int) c;
            }
        }
    }

    /** Floats of UBJSON, or JSON numbers (within float range: libxgboost reads them as float32). */
    private static void finite(Object v, String what) throws Bad {
        boolean ok;
        if (v instanceof Floats f) {
            ok = f.finite();
        } else if (v instanceof List<?> l) {
            ok = l.stream().allMatch(e -> e instanceof Number n && Math.abs(n.doubleValue()) <= Float.MAX_VALUE);
        } else if (v instanceof Number n) {
            ok = Math.abs(n.doubleValue()) <= Float.MAX_VALUE;
        } else {
            ok = v == null || v instanceof long[];
        }
        if (!ok) {
            throw new Bad(what + " holds a number that is not finite");
        }
    }

    /** XGBoost writes base_score as a string, "5E-1" or, since 3.0, "[5E-1]" (one per output). */
    private static Object baseScore(Object v) throws Bad {
        if (!(v instanceof String s)) {
            return v;
        }
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<Object> out = new java.util.ArrayList<>();
        for (String part : t.split(",")) {
            try {
                out.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new Bad("base_score is not a number: " + s);
            }
        }
        return out;
    }

    private static Map<?, ?> object(Object v, String what) throws Bad {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new Bad(what + " is missing or not an object");
    }

    private static List<?> list(Object v, String what) throws Bad {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new Bad(what + " is missing or not an array");
    }

    private static long length(Object v, String what) throws Bad {
        if (v instanceof long[] a) {
            return a.length;
        }
        if (v instanceof Floats f) {
            return f.length();
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        throw new Bad(what + " is missing or not an array");
    }

    private static long[] ints(Object v, String what) throws Bad {
        if (v instanceof long[] a) {
            return a;
        }
        if (v instanceof List<?> l) {
            long[] a = new long[l.size()];
            for (int i = 0; i < a.length; i++) {
                Object e = l.get(i);
                if (e instanceof Integer || e instanceof Long || e instanceof Short || e instanceof Byte) {
                    a[i] = ((Number) e).longValue();
                } else if (e instanceof Boolean bool) {
                    a[i] = bool ? 1 : 0;
                } else {
                    throw new Bad(what + " holds a non-integer " + e);
                }
            }
            return a;
        }
        throw new Bad(what + " is missing or not an integer array");
    }

    /** XGBoost writes its parameters as strings ("11"); numbers are taken too. */
    private static long number(Object v, String what, long min, long max) throws Bad {
        long x;
        if (v instanceof String s) {
            try {
                x = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new Bad(what + " is not an integer: " + s);
            }
        } else if (v instanceof Long || v instanceof Integer) {
            x = ((Number) v).longValue();
        } else {
            throw new Bad(what + " is missing");
        }
        if (x < min || x > max) {
            throw new Bad(what + " " + x + " is out of range");
        }
        return x;
    }
}
