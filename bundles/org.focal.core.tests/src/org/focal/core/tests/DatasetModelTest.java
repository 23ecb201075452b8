package org.focal.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.learn.ModelState;
import org.focal.core.learn.ModelVersion;
import org.junit.jupiter.api.Test;

class DatasetModelTest {

    @Test
    void labelSetFromNamesGetsColoursAndHotkeysInOrder() {
        LabelSet set = LabelSet.ofNames(List.of("RBC", "WBC", "Platelets"));
        assertEquals(3, set.labels().size());
        assertEquals(2, set.byName("WBC").orElseThrow().hotkey());
        assertEquals("Platelets", set.byHotkey(3).orElseThrow().name());
        assertTrue(set.byHotkey(0).isEmpty());
        assertTrue(set.labels().get(0).color().matches("#[0-9a-f]{6}"));
    }

    @Test
    void labelSetRejectsDuplicates() {
        assertThrows(IllegalArgumentException.class, () -> LabelSet.ofNames(List.of("a", "b", "a")));
        assertThrows(IllegalArgumentException.class,
                () -> new LabelSet(List.of(new Label("a", "#000000", 1), new Label("b", "#ffffff", 1))));
        assertThrows(IllegalArgumentException.class, () -> new Label("a", "red", 1));
        assertThrows(IllegalArgumentException.class, () -> new Label(" a", "#000000", 1));
        assertThrows(IllegalArgumentException.class, () -> new Label("a", "#000000", 10));
    }

    @Test
    void taskParsesCliSpelling() {
        assertEquals(Task.DETECTION, Task.parse("detection"));
        assertEquals("segmentation", Task.SEGMENTATION.cliName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.parse("boxes"));
        assertTrue(e.getMessage().contains("classification"));
    }

    @Test
    void datasetNeedsAName() {
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset(" ", null, Task.DETECTION, LabelSet.ofNames(List.of("a")), null));
        assertEquals("", new Dataset("bccd", null, Task.DETECTION, LabelSet.ofNames(List.of("a")), null).description());
    }

    @Test
    void modelVersionsChainToOlderParents() {
        ModelVersion v2 = new ModelVersion("lung-seg", "lung", Task.SEGMENTATION, 2, 1, "rev-41", Map.of("epochs", "10"),
                Map.of("dice", 0.81), ModelState.DEFAULT, Instant.now());
        assertEquals("lung-seg@2", v2.coordinates());
        assertEquals(ModelState.ARCHIVED, v2.withState(ModelState.ARCHIVED).state());
        assertEquals(0.81, v2.withState(ModelState.ARCHIVED).metrics().get("dice"));
        assertThrows(IllegalArgumentException.class, () -> new ModelVersion("m", "s", Task.DETECTION, 2, 2, "", Map.of(),
                Map.of(), ModelState.DEFAULT, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> new ModelVersion("m@1", "s", Task.DETECTION, 1, 0, "", Map.of(),
                Map.of(), ModelState.DEFAULT, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> new ModelVersion("m", "s", Task.DETECTION, 0, 0, "", Map.of(),
                Map.of(), ModelState.DEFAULT, Instant.now()));
    }
}
