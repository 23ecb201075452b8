package org.focal.learn.internal;

import java.util.List;
import java.util.Map;

import org.focal.learn.FittedFusion;
import org.focal.learn.SlideFusion;
import org.osgi.service.component.annotations.Component;

/**
 * {@code histogram[:bins]} (default 5 bins): per feature, equal-width bins between the 1st and 99th
 * percentile of all training tiles' finite values, fixed at training time; the outer bins are
 * open-ended. Fused value: the fraction of the slide's non-NaN tiles per bin. State:
 * {@code {"fusion":"histogram","features":[...],"bins":B,"edges":[[B-1 inner edges] per feature]}}.
 */
@Component(service = SlideFusion.class, property = "focal.fusion=" + HistogramFusion.ID)
public final class HistogramFusion extends NamedPlugin implements SlideFusion {

    public static final String ID = "histogram";
    static final int DEFAULT_BINS = 5;
    static final double LOW_QUANTILE = 0.01;
    static final double HIGH_QUANTILE = 0.99;

    public HistogramFusion() {
        super(ID, "Histogram of tile values (bins fixed on the training slides)");
    }

    @Override
    public FittedFusion fit(List<double[][]> tileRowsPerSlide, List<String> featureNames, String argument) {
        int bins = FusionSupport.intArgument(ID, argument, DEFAULT_BINS, 2, 1000, "the number of bins");
        List<String> features = FusionSupport.checkNames(featureNames);
        double[][] edges = FusionSupport.fitPerFeature(tileRowsPerSlide, features.size(), values -> {
            double lo = values.length == 0 ? 0 : FusionSupport.quantile(values, LOW_QUANTILE);
            double hi = values.length == 0 ? 0 : FusionSupport.quantile(values, HIGH_QUANTILE);
            double[] e = new double[bins - 1];
            for (int b = 1; b < bins; b++) {
                e[b - 1] = lo + (hi - lo) * b / bins;
            }
            return e;
        });
        return create(features, bins, edges);
    }

    @Override
    public FittedFusion restore(Map<String, Object> state) {
        FusionSupport.StateReader r = new FusionSupport.StateReader(ID, state);
        List<String> features = r.features();
        int bins = r.integer("bins", 2, 1000);
        return create(features, bins, r.matrix("edges", features.size(), bins - 1));
    }

    private static FittedFusion create(List<String> features, int bins, double[][] edges) {
        Map<String, Object> state = FusionSupport.state(ID, features);
        state.put("bins", bins);
        state.put("edges", FusionSupport.toList(edges));
        return new BinnedFusion(ID, features, bins, edges, "hist", state);
    }
}
