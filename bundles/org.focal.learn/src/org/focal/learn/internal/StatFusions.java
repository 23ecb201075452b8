package org.focal.learn.internal;

import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.learn.FittedFusion;
import org.focal.learn.SlideFusion;
import org.osgi.service.component.annotations.Component;

/** The fusions that need nothing from training: {@code mean}, {@code max}, {@code pnorm[:p]}. */
public final class StatFusions {

    private StatFusions() {
    }

    /** A fusion without argument and without fitted values. */
    private abstract static class Plain extends NamedPlugin implements SlideFusion {
        private final StatFusion.Kind kind;

        Plain(String id, String displayName, StatFusion.Kind kind) {
            super(id, displayName);
            this.kind = kind;
        }

        @Override
        public FittedFusion fit(List<double[][]> tileRowsPerSlide, List<String> featureNames, String argument) {
            FusionSupport.noArgument(id(), argument);
            List<String> features = FusionSupport.checkNames(featureNames);
            FusionSupport.checkTraining(tileRowsPerSlide, features.size());
            return create(features);
        }

        @Override
        public FittedFusion restore(Map<String, Object> state) {
            return create(new FusionSupport.StateReader(id(), state).features());
        }

        private FittedFusion create(List<String> features) {
            return new StatFusion(id(), kind, 1, features, id(), FusionSupport.state(id(), features));
        }
    }

    /** {@code mean}: the mean of the slide's non-NaN tile values per feature ({@code feature@mean}). */
    @Component(service = SlideFusion.class, property = "focal.fusion=mean")
    public static final class Mean extends Plain {
        public Mean() {
            super("mean", "Mean over the slide's tiles", StatFusion.Kind.MEAN);
        }
    }

    /** {@code max}: the largest of the slide's non-NaN tile values per feature ({@code feature@max}). */
    @Component(service = SlideFusion.class, property = "focal.fusion=max")
    public static final class Max extends Plain {
        public Max() {
            super("max", "Maximum over the slide's tiles", StatFusion.Kind.MAX);
        }
    }

    /**
     * {@code pnorm[:p]} (default p = 3): the power mean {@code (mean |v|^p)^(1/p)} of the slide's
     * non-NaN tile values per feature ({@code feature@pnorm3}); p = 1 is the mean absolute value,
     * large p approach the maximum absolute value.
     */
    @Component(service = SlideFusion.class, property = "focal.fusion=pnorm")
    public static final class PNorm extends NamedPlugin implements SlideFusion {
        static final double DEFAULT_P = 3;

        public PNorm() {
            super("pnorm", "p-norm (power mean of absolute values) over the slide's tiles");
        }

        @Override
        public FittedFusion fit(List<double[][]> tileRowsPerSlide, List<String> featureNames, String argument) {
            double p = DEFAULT_P;
            if (argument != null && !argument.isBlank()) {
                try {
                    p = Double.parseDouble(argument.trim());
                } catch (NumberFormatException e) {
                    p = Double.NaN;
                }
                if (!(p > 0 && p <= 1000)) {
                    throw new BadInputException("pnorm: p must be a number above 0 (at most 1000), was '" + argument.trim() + "'");
                }
            }
            List<String> features = FusionSupport.checkNames(featureNames);
            FusionSupport.checkTraining(tileRowsPerSlide, features.size());
            return create(features, p);
        }

        @Override
        public FittedFusion restore(Map<String, Object> state) {
            FusionSupport.StateReader r = new FusionSupport.StateReader(id(), state);
            double p = r.number("p");
            if (!(p > 0 && p <= 1000)) {
                throw r.bad("'p' must be above 0");
            }
            return create(r.features(), p);
        }

        private FittedFusion create(List<String> features, double p) {
            Map<String, Object> state = FusionSupport.state(id(), features);
            state.put("p", p);
            String tag = "pnorm" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
            return new StatFusion(id(), StatFusion.Kind.PNORM, p, features, tag, state);
        }
    }
}
