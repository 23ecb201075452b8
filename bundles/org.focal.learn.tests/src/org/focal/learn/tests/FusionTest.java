package org.focal.learn.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.learn.FittedFusion;
import org.focal.learn.SlideFusion;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

class FusionTest {

    private static final double NAN = Double.NaN;

    private static SlideFusion fusion(String id) {
        return Services.await(SlideFusion.class, "(focal.fusion=" + id + ")");
    }

    /** The state written with Jackson and read back as the pipeline does with the model file. */
    private static FittedFusion roundTrip(SlideFusion f, FittedFusion fitted) throws Exception {
        String json = Reference.JSON.writeValueAsString(fitted.state());
        Map<String, Object> back = Reference.JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
        return f.restore(back);
    }

    /** Training tiles: feature "a" takes 0..100 over two slides, feature "b" is 1 or NaN. */
    private static List<double[][]> training() {
        double[][] s1 = new double[51][];
        double[][] s2 = new double[50][];
        for (int v = 0; v <= 100; v++) {
            double[] row = {v, v % 3 == 0 ? NAN : 1};
            if (v <= 50) {
                s1[v] = row;
            } else {
                s2[v - 51] = row;
            }
        }
        return List.of(s1, s2);
    }

    @Test
    void histogramFractionsWithOpenOuterBinsAndNaN() throws Exception {
        SlideFusion h = fusion("histogram");
        FittedFusion f = h.fit(training(), List.of("a", "b"), "4");
        // 1st / 99th percentile of 0..100 are 1 and 99: inner edges 25.5, 50, 74.5
        assertEquals(List.of("a@hist1/4", "a@hist2/4", "a@hist3/4", "a@hist4/4", "b@hist1/4", "b@hist2/4", "b@hist3/4",
                "b@hist4/4"), f.outputNames());
        double[][] slide = {{-5, NAN}, {10, NAN}, {30, NAN}, {50, NAN}, {80, NAN}, {1000, NAN}, {NAN, NAN}, {25.4, NAN}};
        double[] v = f.fuse(slide);
        // a: -5, 10, 25.4 | 30 | 50 | 80, 1000 of 7 non-NaN tiles; b: no value on this slide
        assertArrayEquals(new double[] {3 / 7.0, 1 / 7.0, 1 / 7.0, 2 / 7.0, NAN, NAN, NAN, NAN}, v, 1e-15);
        // b was constant 1 in training: everything lands in one (the last) bin
        assertArrayEquals(new double[] {0, 0, 0, 1}, java.util.Arrays.copyOfRange(f.fuse(new double[][] {{1, 1}, {2, 7}}), 4, 8));
        FittedFusion back = roundTrip(h, f);
        assertEquals(f.outputNames(), back.outputNames());
        assertArrayEquals(v, back.fuse(slide));
        assertEquals(f.state(), back.state());
        // default: 5 bins
        assertEquals(10, h.fit(training(), List.of("a", "b"), "").outputNames().size());
        assertEquals(10, h.fit(training(), List.of("a", "b"), null).outputNames().size());
    }

    /** Random tiles, random slides: restore(state()) after JSON gives bit-identical vectors for every fusion. */
    @Test
    void everyFusionRestoresIdentically() throws Exception {
        Random r = new Random(11);
        List<double[][]> slides = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double[][] tiles = new double[20 + r.nextInt(30)][3];
            for (double[] t : tiles) {
                t[0] = r.nextGaussian() * 1e-3 + 0.1 / 3;
                t[1] = r.nextDouble() < 0.2 ? NAN : Math.exp(r.nextGaussian());
                t[2] = -r.nextDouble() * 1e6;
            }
            slides.add(tiles);
        }
        List<String> names = List.of("x", "nucleus.area.mean", "z");
        for (String spec : List.of("histogram", "histogram:7", "mean", "max", "pnorm", "pnorm:2.5", "kmeans", "kmeans:4")) {
            String[] parts = spec.split(":", 2);
            SlideFusion f = fusion(parts[0]);
            FittedFusion fitted = f.fit(slides, names, parts.length > 1 ? parts[1] : "");
            FittedFusion back = roundTrip(f, fitted);
            assertEquals(fitted.outputNames(), back.outputNames(), spec);
            assertEquals(parts[0], back.fusionId());
            assertEquals(names, back.featureNames());
            for (double[][] tiles : slides) {
                double[] a = fitted.fuse(tiles);
                assertEquals(fitted.outputNames().size(), a.length, spec);
                assertArrayEquals(a, back.fuse(tiles), spec);
            }
        }
        assertTrue(fusion("histogram").fit(slides, names, "").outputNames().contains("nucleus.area.mean@hist2/5"));
    }

    @Test
    void meanMaxAndPNormIgnoreNaN() {
        double[][] tiles = {{1, NAN}, {-2, NAN}, {NAN, NAN}, {4, NAN}};
        List<double[][]> train = List.<double[][]>of(tiles);
        List<String> names = List.of("a", "b");
        FittedFusion mean = fusion("mean").fit(train, names, null);
        assertEquals(List.of("a@mean", "b@mean"), mean.outputNames());
        assertArrayEquals(new double[] {1, NAN}, mean.fuse(tiles));
        assertArrayEquals(new double[] {4, NAN}, fusion("max").fit(train, names, "").fuse(tiles));
        FittedFusion p2 = fusion("pnorm").fit(train, names, "2");
        assertEquals(List.of("a@pnorm2", "b@pnorm2"), p2.outputNames());
        assertArrayEquals(new double[] {Math.sqrt((1 + 4 + 16) / 3.0), NAN}, p2.fuse(tiles), 1e-15);
        FittedFusion p3 = fusion("pnorm").fit(train, names, null);
        assertEquals(Math.cbrt((1 + 8 + 64) / 3.0), p3.fuse(tiles)[0], 1e-14);
        // a slide without tiles: every output NaN
        assertArrayEquals(new double[] {NAN, NAN}, mean.fuse(new double[0][]));
    }

    @Test
    void kmeansFractionsPerCluster() {
        double[][] s1 = {{1.0}, {1.1}, {0.9}, {5.0}};
        double[][] s2 = {{5.1}, {10.0}, {10.2}, {NAN}};
        FittedFusion f = fusion("kmeans").fit(List.of(s1, s2), List.of("area"), "3");
        assertEquals(List.of("area@km1/3", "area@km2/3", "area@km3/3"), f.outputNames());
        @SuppressWarnings("unchecked")
        List<List<Number>> centers = (List<List<Number>>) f.state().get("centers");
        assertEquals(1.0, centers.get(0).get(0).doubleValue(), 1e-12);
        assertEquals(5.05, centers.get(0).get(1).doubleValue(), 1e-12);
        assertEquals(10.1, centers.get(0).get(2).doubleValue(), 1e-12);
        assertArrayEquals(new double[] {0.75, 0.25, 0}, f.fuse(s1), 1e-15);
        assertArrayEquals(new double[] {0, 1 / 3.0, 2 / 3.0}, f.fuse(s2), 1e-15);
        // far outside the training range: the outer clusters
        assertArrayEquals(new double[] {0.5, 0, 0.5}, f.fuse(new double[][] {{-100}, {100}}), 1e-15);
    }

    @Test
    void badArgumentsAndStatesAreRefused() {
        List<double[][]> train = training();
        List<String> names = List.of("a", "b");
        assertThrows(BadInputException.class, () -> fusion("histogram").fit(train, names, "x"));
        assertThrows(BadInputException.class, () -> fusion("histogram").fit(train, names, "1"));
        assertThrows(BadInputException.class, () -> fusion("kmeans").fit(train, names, "0"));
        assertThrows(BadInputException.class, () -> fusion("pnorm").fit(train, names, "-1"));
        assertThrows(BadInputException.class, () -> fusion("mean").fit(train, names, "3"));
        assertThrows(BadInputException.class, () -> fusion("mean").fit(train, List.of("a"), null));
        FittedFusion h = fusion("histogram").fit(train, names, null);
        assertThrows(BadInputException.class, () -> h.fuse(new double[][] {{1}}));
        assertThrows(BadInputException.class, () -> fusion("kmeans").restore(h.state()));
        assertThrows(BadInputException.class, () -> fusion("histogram").restore(Map.of("fusion", "histogram", "features", List.of("a"),
                "bins", 3, "edges", List.of(List.of(2.0, 1.0)))));
        assertThrows(BadInputException.class, () -> fusion("histogram").restore(Map.of("fusion", "histogram")));
    }
}
