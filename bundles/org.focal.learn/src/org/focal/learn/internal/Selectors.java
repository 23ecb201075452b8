package org.focal.learn.internal;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.OneWayAnova;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.focal.learn.FeatureSelector;
import org.osgi.service.component.annotations.Component;

/** The univariate tests, computed with Apache Commons Math; p-values equal scipy.stats'. */
public final class Selectors {

    private Selectors() {
    }

    /**
     * {@code ks}: two-sample Kolmogorov-Smirnov, two-sided. The exact p-value P(D >= d) (as
     * scipy.stats.ks_2samp's default method) where Commons Math can compute it (C(n+m, n) below
     * about 1e300, e.g. up to 500 slides per class, and n * m up to 10^6), otherwise the asymptotic
     * Kolmogorov distribution (within about 1e-3 of the exact value at those sizes).
     */
    @Component(service = FeatureSelector.class, property = "focal.selection=ks")
    public static final class KolmogorovSmirnov extends AbstractSelector {
        public KolmogorovSmirnov() {
            super("ks", "Two-sample Kolmogorov-Smirnov test", true, 1);
        }

        @Override
        double pValue(List<double[]> groups) {
            double[] x = groups.get(0);
            double[] y = groups.get(1);
            // a fresh instance: its tie-breaking random generator is not thread-safe (and not used here)
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            double d = ks.kolmogorovSmirnovStatistic(x, y);
            // exact where Commons Math's double arithmetic holds (C(n+m, n) below ~1e300) and it is quick
            boolean exact = (long) x.length * y.length <= 1_000_000L
                    && CombinatoricsUtils.binomialCoefficientLog(x.length + y.length, x.length) < 690;
            double p = exact ? ks.exactP(d, x.length, y.length, false) : Double.NaN;
            if (!(p >= 0 && p <= 1)) {
                p = ks.approximateP(d, x.length, y.length);
            }
            return p;
        }
    }

    /**
     * {@code mwu}: Mann-Whitney U, two-sided, normal approximation with tie and continuity
     * correction (as scipy.stats.mannwhitneyu with method="asymptotic").
     */
    @Component(service = FeatureSelector.class, property = "focal.selection=mwu")
    public static final class MannWhitney extends AbstractSelector {
        public MannWhitney() {
            super("mwu", "Mann-Whitney U test", true, 1);
        }

        @Override
        double pValue(List<double[]> groups) {
            double[] x = groups.get(0);
            double[] y = groups.get(1);
            int n1 = x.length;
            int n2 = y.length;
            int n = n1 + n2;
            double[] all = new double[n];
            System.arraycopy(x, 0, all, 0, n1);
            System.arraycopy(y, 0, all, n1, n2);
            double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
            double r1 = 0;
            for (int i = 0; i < n1; i++) {
                r1 += ranks[i];
            }
            double u1 = r1 - n1 * (n1 + 1.0) / 2;
            double u = Math.max(u1, (double) n1 * n2 - u1);
            // tie correction: sum of t^3 - t over groups of equal values
            double[] sorted = all.clone();
            Arrays.sort(sorted);
            double ties = 0;
            for (int i = 0; i < n;) {
                int j = i;
                while (j < n && sorted[j] == sorted[i]) {
                    j++;
                }
                double t = j - i;
                ties += t * t * t - t;
                i = j;
            }
            double mu = n1 * (double) n2 / 2;
            double sigma = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - ties / ((double) n * (n - 1))));
            if (sigma == 0) {
                return Double.NaN;
            }
            double z = (u - mu - 0.5) / sigma;
            return Math.min(1, Erf.erfc(z / Math.sqrt(2)));
        }
    }

    /** {@code ttest}: Welch's unequal-variances t-test, two-sided (scipy.stats.ttest_ind(equal_var=False)). */
    @Component(service = FeatureSelector.class, property = "focal.selection=ttest")
    public static final class Welch extends AbstractSelector {
        public Welch() {
            super("ttest", "Welch's t-test", true, 2);
        }

        @Override
        double pValue(List<double[]> groups) {
            double[] x = groups.get(0);
            double[] y = groups.get(1);
            if (variance(x) == 0 && variance(y) == 0) {
                // each class constant, the classes differ (equal classes are caught before): separated
                return 0;
            }
            return new TTest().tTest(x, y);
        }
    }

    /**
     * {@code anova}: one-way ANOVA F-test over all classes (scipy.stats.f_oneway); classes without
     * values in a column are left out of that column's test, the others need two values each.
     */
    @Component(service = FeatureSelector.class, property = "focal.selection=anova")
    public static final class Anova extends AbstractSelector {
        public Anova() {
            super("anova", "One-way ANOVA F-test", false, 0);
        }

        @Override
        double pValue(List<double[]> groups) {
            List<double[]> present = groups.stream().filter(g -> g.length > 0).toList();
            if (present.size() < 2 || anyShorterThan(present, 2)) {
                return Double.NaN;
            }
            if (present.stream().allMatch(g -> variance(g) == 0)) {
                return 0;
            }
            return new OneWayAnova().anovaPValue(present);
        }
    }
}
