package org.focal.scenarios.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.scenario.ScenarioTask;
import org.focal.scenarios.ScenarioCatalog;
import org.focal.scenarios.ScenarioDefinition;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {

    @TempDir
    Path ws;

    private static ScenarioDefinition scenario(String id) {
        return new ScenarioDefinition(id, null, "US", "thyroid", null, List.of(new ScenarioTask(Task.DETECTION, List.of(AnnotationKind.BOX),
                false, LabelSet.ofNames(List.of("nodule")), null, null)));
    }

    @Test
    void workspaceScenariosJoinTheInstalledOnes() {
        ScenarioCatalog catalog = Services.await(ScenarioCatalog.class);
        Path file = catalog.create(ws, scenario("my-thyroid"));
        assertEquals(ws.resolve("scenarios/my-thyroid.json"), file);
        assertEquals("my-thyroid", catalog.get(ws, "my-thyroid").id());
        assertTrue(catalog.all(ws).stream().anyMatch(e -> e.scenario().id().equals("my-thyroid") && e.origin().equals("workspace")));
        assertTrue(catalog.all(ws).stream().anyMatch(e -> e.scenario().id().equals("blood-smear") && e.origin().equals("installed")));
        BadInputException again = assertThrows(BadInputException.class, () -> catalog.create(ws, scenario("my-thyroid")));
        assertTrue(again.getMessage().contains("exists in this workspace already"), again.getMessage());
        BadInputException installed = assertThrows(BadInputException.class, () -> catalog.create(ws, scenario("blood-smear")));
        assertTrue(installed.getMessage().contains("is installed already"), installed.getMessage());
    }

    @Test
    void unknownIdsListWhatThereIsAndBrokenFilesAreReported() throws Exception {
        ScenarioCatalog catalog = Services.await(ScenarioCatalog.class);
        Files.createDirectories(ws.resolve("scenarios"));
        Files.writeString(ws.resolve("scenarios/broken.json"), "{\"format\": \"focal-scenario\"");
        BadInputException e = assertThrows(BadInputException.class, () -> catalog.get(ws, "nope"));
        assertTrue(e.getMessage().startsWith("unknown scenario 'nope'; installed: "), e.getMessage());
        assertTrue(e.getMessage().contains("blood-smear"), e.getMessage());
        List<String> problems = catalog.problems(ws);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("broken.json"), problems.get(0));
    }
}
