package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.focal.core.learn.Predictor;
import org.focal.core.learn.Trainer;
import org.focal.learn.FeatureSelector;
import org.focal.learn.SlideFusion;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

/** Every plugin of the bundle is a DS service found in the framework under its id property. */
class ServicesTest {

    @Test
    void everyPluginIsRegisteredUnderItsId() {
        for (String id : new String[] {"histogram", "mean", "max", "pnorm", "kmeans"}) {
            assertEquals(id, Services.await(SlideFusion.class, "(focal.fusion=" + id + ")").id());
        }
        for (String id : new String[] {"ks", "mwu", "ttest", "anova"}) {
            assertEquals(id, Services.await(FeatureSelector.class, "(focal.selection=" + id + ")").id());
        }
        assertEquals("logistic", Services.await(Trainer.class, "(focal.classifier=logistic)").id());
        assertEquals("logistic", Services.await(Predictor.class, "(focal.classifier=logistic)").id());
        assertEquals("mlp", Services.await(Trainer.class, "(focal.classifier=mlp)").id());
        assertEquals("mlp", Services.await(Predictor.class, "(focal.classifier=mlp)").id());
    }
}
