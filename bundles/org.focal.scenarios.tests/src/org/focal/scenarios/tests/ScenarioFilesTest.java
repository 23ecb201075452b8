package org.focal.scenarios.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.scenario.ScenarioTask;
import org.focal.scenarios.ScenarioDefinition;
import org.focal.scenarios.ScenarioFiles;
import org.junit.jupiter.api.Test;

class ScenarioFilesTest {

    private static ScenarioDefinition read(String json) {
        return ScenarioFiles.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x/scenario.json");
    }

    @Test
    void aDefinitionSurvivesWriteAndRead() {
        ScenarioDefinition s = new ScenarioDefinition("thyroid-cytology", "Thyroid cytology", "microscopy", "thyroid", "FNA smears",
                List.of(new ScenarioTask(Task.DETECTION, List.of(AnnotationKind.BOX), false, LabelSet.ofNames(List.of("follicular", "papillary")),
                        null, null),
                    new ScenarioTask(Task.SEGMENTATION, List.of(AnnotationKind.POLYGON, AnnotationKind.MASK), true,
                        LabelSet.ofNames(List.of("nodule")), "unet@3", "pathology-slide")));
        assertEquals(s, read(ScenarioFiles.toJsonString(s)));
    }

    @Test
    void badFilesNameTheFileAndTheProblem() {
        String ok = "{\"format\":\"focal-scenario\",\"version\":1,\"id\":\"a\",\"modality\":\"CT\",\"tasks\":[%s]}";
        String task = "{\"task\":\"segmentation\",\"kinds\":[\"mask\"],\"labels\":[{\"name\":\"liver\",\"color\":\"#00ff00\",\"hotkey\":1}]}";
        assertEquals("a", read(String.format(ok, task)).id());
        List<String[]> cases = List.of(
                new String[] {"{not json", "not a scenario file"},
                new String[] {"[1, 2]", "not a JSON object"},
                new String[] {"{\"format\":\"coco\"}", "'format' must be"},
                new String[] {String.format(ok, task).replace("\"version\":1", "\"version\":7"), "unsupported 'version' 7"},
                new String[] {String.format(ok, task).replace("\"id\":\"a\"", "\"id\":\"A B\""), "scenario id must be"},
                new String[] {String.format(ok, task).replace("mask", "blob"), "unknown annotation kind 'blob'"},
                new String[] {String.format(ok, task).replace("#00ff00", "green"), "label colour must be #rrggbb"},
                new String[] {String.format(ok, task + "," + task), "lists the segmentation task twice"},
                new String[] {String.format(ok, task.replace("\"kinds\":[\"mask\"],", "")), "'kinds' must be a list"},
                new String[] {String.format(ok, ""), "needs at least one task"},
                new String[] {String.format(ok, task).replace("\"modality\":\"CT\",", ""), "needs a modality"},
                new String[] {"[".repeat(100_000), "not a scenario file"});
        for (String[] c : cases) {
            BadInputException e = assertThrows(BadInputException.class, () -> read(c[0]), c[1]);
            assertTrue(e.getMessage().startsWith("x/scenario.json: "), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
