package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.learn.FeatureSelector;
import org.focal.learn.Selection;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SelectionTest {

    private static final String SCIPY = """
            from scipy import stats
            out = {}
            for name, cols in data.items():
                res = []
                for groups in cols:
                    g = [np.array(x, dtype=float) for x in groups]
                    g = [x[~np.isnan(x)] for x in g]
                    if name == 'ks':
                        p = stats.ks_2samp(g[0], g[1]).pvalue
                    elif name == 'mwu':
                        p = stats.mannwhitneyu(g[0], g[1], alternative='two-sided', method='asymptotic').pvalue
                    elif name == 'ttest':
                        p = stats.ttest_ind(g[0], g[1], equal_var=False).pvalue
                    else:
                        p = stats.f_oneway(*g).pvalue
                    res.append(float(p))
                out[name] = res
            print(json.dumps(out))
            """;

    private static FeatureSelector selector(String id) {
        return Services.await(FeatureSelector.class, "(focal.selection=" + id + ")");
    }

    /** Columns of a two- or three-class problem: continuous, with ties, with NaN, small and larger. */
    private static double[][] columns(int[] labels, int classes, long seed) {
        Random r = new Random(seed);
        int n = labels.length;
        double[][] cols = new double[6][n];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            cols[0][i] = r.nextGaussian() + 0.8 * c;                  // shifted mean
            cols[1][i] = Math.round(2 * r.nextGaussian() + c);        // integers: many ties
            cols[2][i] = r.nextGaussian() * (1 + 2 * c);              // same mean, other spread
            cols[3][i] = i % 7 == 0 ? Double.NaN : r.nextGaussian() + 0.3 * c; // NaN dropped
            cols[4][i] = Math.exp(r.nextGaussian()) + (c == 1 ? 0.5 : 0);     // skewed
            cols[5][i] = r.nextGaussian();                            // nothing
        }
        return cols;
    }

    private static double[][] rows(double[][] cols) {
        double[][] rows = new double[cols[0].length][cols.length];
        for (int j = 0; j < cols.length; j++) {
            for (int i = 0; i < rows.length; i++) {
                rows[i][j] = cols[j][i];
            }
        }
        return rows;
    }

    private static List<List<double[]>> groups(double[][] cols, int[] labels, int classes) {
        List<List<double[]>> out = new ArrayList<>();
        for (double[] col : cols) {
            List<double[]> g = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                final int cc = c;
                g.add(java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cc).mapToDouble(i -> col[i]).toArray());
            }
            out.add(g);
        }
        return out;
    }

    private static int[] labels(int... counts) {
        List<Integer> l = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                l.add(c);
            }
        }
        java.util.Collections.shuffle(l, new Random(7));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every test's p-values equal scipy.stats' on the same columns (ties, NaN, small and larger samples). */
    @Test
    void pValuesEqualScipy() {
        int[][] designs = {labels(9, 8), labels(40, 31), labels(120, 90)};
        for (int[] lab : designs) {
            double[][] cols = columns(lab, 2, lab.length);
            Map<String, Object> input = new LinkedHashMap<>();
            for (String id : List.of("ks", "mwu", "ttest", "anova")) {
                input.put(id, groups(cols, lab, 2));
            }
            JsonNode ref = Reference.python(SCIPY, input);
            for (String id : List.of("ks", "mwu", "ttest", "anova")) {
                Selection s = selector(id).select(rows(cols), lab, 0.05);
                double[] expected = Reference.doubles(ref.get(id));
                for (int j = 0; j < expected.length; j++) {
                    Reference.assertClose(expected[j], s.pValues()[j], 1e-6, 1e-300, id + " column " + j + " n=" + lab.length);
                }
            }
        }
    }

    /**
     * Beyond what Commons Math computes exactly (here 700 vs 650 slides) KS falls back to the
     * asymptotic Kolmogorov distribution; scipy is still exact. They agree within a few percent where
     * p is not tiny (the asymptotic value is slightly conservative at these sizes).
     */
    @Test
    void largeSampleKsIsCloseToScipysExactValue() {
        int[] lab = labels(700, 650);
        double[][] cols = columns(lab, 2, 17);
        JsonNode ref = Reference.python(SCIPY, Map.of("ks", groups(cols, lab, 2)));
        double[] expected = Reference.doubles(ref.get("ks"));
        double[] p = selector("ks").select(rows(cols), lab, 0.05).pValues();
        int compared = 0;
        for (int j = 0; j < expected.length; j++) {
            if (expected[j] > 1e-4) {
                Reference.assertClose(expected[j], p[j], 0.05, 0, "ks column " + j);
                compared++;
            } else {
                assertTrue(p[j] < 1e-3, "ks column " + j + ": " + p[j] + " vs " + expected[j]);
            }
        }
        assertTrue(compared >= 1, "compared " + compared);
    }

    @Test
    void anovaHandlesThreeClassesLikeScipy() {
        int[] lab = labels(15, 11, 13);
        double[][] cols = columns(lab, 3, 3);
        JsonNode ref = Reference.python(SCIPY, Map.of("anova", groups(cols, lab, 3)));
        Selection s = selector("anova").select(rows(cols), lab, 0.01);
        double[] expected = Reference.doubles(ref.get("anova"));
        for (int j = 0; j < expected.length; j++) {
            Reference.assertClose(expected[j], s.pValues()[j], 1e-6, 1e-300, "anova column " + j);
        }
        // kept: exactly the columns below the threshold, ascending
        int[] want = java.util.stream.IntStream.range(0, expected.length).filter(j -> expected[j] < 0.01).toArray();
        assertTrue(want.length > 0, "the shifted column must be significant");
        assertArrayEquals(want, s.kept());
        assertFalse(s.fallback());
        BadInputException e = assertThrows(BadInputException.class, () -> selector("ks").select(rows(cols), lab, 0.05));
        assertTrue(e.getMessage().contains("anova"), e.getMessage());
    }

    /**
     * The literature example of Welch's t-test (Wikipedia, "Welch's t-test", example 1: t = -2.46,
     * df = 25.0, p = 0.021), worked by hand: means 20.8200 / 22.9867, variances 7.8674 / 3.8127,
     * se = 0.88242, t = -2.45536, Welch-Satterthwaite df = 24.9885, two-sided p = 0.021378.
     */
    @Test
    void welchMatchesHandComputation() {
        double[] a = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
        double[] b = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
        double[][] rows = new double[30][1];
        int[] lab = new int[30];
        for (int i = 0; i < 15; i++) {
            rows[i][0] = a[i];
            rows[15 + i][0] = b[i];
            lab[15 + i] = 1;
        }
        double p = selector("ttest").select(rows, lab, 0.05).pValues()[0];
        assertEquals(0.021378, p, 1e-6);
    }

    @Test
    void constantColumnsGetOneAndNothingPassingFallsBack() {
        int[] lab = labels(10, 10);
        int n = lab.length;
        int width = 14;
        double[][] rows = new double[n][width];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            rows[i][0] = 3.0;                                   // constant
            rows[i][1] = i % 2 == 0 ? Double.NaN : 3.0;         // constant after NaN removal
            for (int j = 2; j < width; j++) {
                rows[i][j] = r.nextGaussian();
            }
        }
        for (String id : List.of("ks", "mwu", "ttest", "anova")) {
            Selection s = selector(id).select(rows, lab, 1e-9);
            assertEquals(1.0, s.pValues()[0], id);
            assertEquals(1.0, s.pValues()[1], id);
            assertTrue(s.fallback(), id);
            assertEquals(Selection.FALLBACK_COUNT, s.kept().length, id);
            // the kept ones are the smallest p, ascending by index
            double[] p = s.pValues();
            double worstKept = java.util.Arrays.stream(s.kept()).mapToDouble(j -> p[j]).max().orElseThrow();
            long smaller = java.util.Arrays.stream(p).filter(v -> v < worstKept).count();
            assertTrue(smaller < Selection.FALLBACK_COUNT, id);
            assertArrayEquals(java.util.Arrays.stream(s.kept()).sorted().toArray(), s.kept(), id);
            assertFalse(java.util.Arrays.stream(s.kept()).anyMatch(j -> j < 2), id + ": constant columns kept " + s);
        }
    }

    @Test
    void separatedClassesPassAndBadInputIsRefused() {
        double[][] rows = {{1, 5}, {2, 5}, {3, 6}, {11, 5}, {12, 6}, {13, 5}};
        int[] lab = {0, 0, 0, 1, 1, 1};
        for (String id : List.of("ks", "mwu", "ttest", "anova")) {
            Selection s = selector(id).select(rows, lab, 0.2);
            assertArrayEquals(new int[] {0}, s.kept(), id + " " + s);
            assertFalse(s.fallback());
            assertArrayEquals(new double[] {7}, s.apply(new double[] {7, 8}));
            assertEquals(List.of("a"), s.apply(List.of("a", "b")));
            assertThrows(BadInputException.class, () -> selector(id).select(rows, new int[] {1, 1, 1, 1, 1, 1}, 0.05), id);
            assertThrows(BadInputException.class, () -> selector(id).select(rows, lab, 0), id);
            assertThrows(BadInputException.class, () -> selector(id).select(new double[][] {{1}, {2, 3}}, new int[] {0, 1}, 0.05), id);
        }
        // the exact KS p-value of complete separation 3 vs 3 is 2 / C(6,3) = 0.1
        assertEquals(0.1, selector("ks").select(rows, lab, 0.2).pValues()[0], 1e-12);
    }
}
