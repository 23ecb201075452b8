package org.focal.features.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** The three groups are DS services in the running framework, with stable, unique, prefixed names. */
class FeatureServicesTest {

    @Test
    void allGroupsAreServicesWithUniqueNames() throws Exception {
        TileAnalysis tile = RealTile.get().tile();
        Set<String> all = new HashSet<>();
        for (String group : List.of("tile", "nucleus", "spatial")) {
            TileFeatureExtractor f = Tiles.extractor(group);
            assertEquals(group, f.group());
            assertEquals(group, f.id());
            ServiceReference<?>[] refs = Services.context().getServiceReferences(TileFeatureExtractor.class.getName(),
                    "(focal.features=" + group + ")");
            assertEquals(1, refs.length, group);
            assertTrue(refs[0].getBundle().getSymbolicName().equals("org.focal.features." + group),
                    refs[0].getBundle().getSymbolicName());
            List<String> names = f.featureNames();
            assertEquals(names.size(), new HashSet<>(names).size(), "duplicate names in " + group);
            for (String n : names) {
                assertTrue(n.startsWith(group + "."), n);
                assertTrue(n.matches("[a-z0-9_.]+"), n);
                assertTrue(all.add(n), n);
            }
            double[] values = f.extract(tile);
            assertEquals(names.size(), values.length, group);
            for (int i = 0; i < values.length; i++) {
                assertTrue(Double.isFinite(values[i]), names.get(i) + " = " + values[i] + " on a real tile");
            }
            assertEquals(List.copyOf(names), f.featureNames(), "names are stable");
        }
        assertEquals(33, Tiles.extractor("tile").featureNames().size());
        assertEquals(57, Tiles.extractor("nucleus").featureNames().size());
        assertEquals(11, Tiles.extractor("spatial").featureNames().size());
    }
}
