package org.focal.registries.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.plugin.RegistryChangeListener;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioRegistry;
import org.focal.core.scenario.ScenarioTask;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/** A scenario service registered and unregistered at run time, seen through the DS registry and its listeners. */
class ScenarioRegistryTest {

    record TestScenario(String id) implements Scenario {
        @Override
        public String modality() {
            return "WSI";
        }

        @Override
        public String organ() {
            return "lung";
        }

        @Override
        public String description() {
            return "a scenario registered by a test";
        }

        @Override
        public List<ScenarioTask> tasks() {
            return List.of(new ScenarioTask(Task.CLASSIFICATION, List.of(AnnotationKind.IMAGE_LABEL), false,
                    LabelSet.ofNames(List.of("normal", "tumour")), null, null));
        }
    }

    @Test
    void aServiceRegisteredAtRunTimeAppearsAndLeaves() {
        ScenarioRegistry registry = Services.await(ScenarioRegistry.class);
        List<String> events = new CopyOnWriteArrayList<>();
        RegistryChangeListener<Scenario> listener = new RegistryChangeListener<>() {
            @Override
            public void added(Scenario plugin) {
                events.add("+" + plugin.id());
            }

            @Override
            public void removed(Scenario plugin) {
                events.add("-" + plugin.id());
            }
        };
        registry.addListener(listener);
        try {
            assertTrue(registry.find("test-runtime").isEmpty());
            ServiceRegistration<Scenario> registration = Services.context().registerService(Scenario.class,
                    new TestScenario("test-runtime"), null);
            assertEquals("test-runtime", registry.get("test-runtime").id());
            assertEquals(List.of("+test-runtime"), events);
            registration.unregister();
            assertTrue(registry.find("test-runtime").isEmpty());
            assertEquals(List.of("+test-runtime", "-test-runtime"), events);
            BadInputException e = assertThrows(BadInputException.class, () -> registry.get("test-runtime"));
            assertTrue(e.getMessage().startsWith("unknown scenario 'test-runtime'; "), e.getMessage());
        } finally {
            registry.removeListener(listener);
        }
    }
}
