package org.focal.registries.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.plugin.AnnotationTool;
import org.focal.core.plugin.AnnotationToolRegistry;
import org.focal.core.plugin.RegistryChangeListener;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * A plugin service registered and unregistered at run time, seen through a DS registry built on
 * TrackedPluginRegistry (the annotation-tool registry of this bundle) and its listeners.
 */
class TrackedRegistryTest {

    record TestTool(String id) implements AnnotationTool {
        @Override
        public AnnotationKind creates() {
            return AnnotationKind.BOX;
        }
    }

    @Test
    void aServiceRegisteredAtRunTimeAppearsAndLeaves() {
        AnnotationToolRegistry registry = Services.await(AnnotationToolRegistry.class);
        List<String> events = new CopyOnWriteArrayList<>();
        RegistryChangeListener<AnnotationTool> listener = new RegistryChangeListener<>() {
            @Override
            public void added(AnnotationTool plugin) {
                events.add("+" + plugin.id());
            }

            @Override
            public void removed(AnnotationTool plugin) {
                events.add("-" + plugin.id());
            }
        };
        registry.addListener(listener);
        try {
            assertTrue(registry.find("test-runtime").isEmpty());
            ServiceRegistration<AnnotationTool> registration = Services.context().registerService(AnnotationTool.class,
                    new TestTool("test-runtime"), null);
            assertEquals("test-runtime", registry.get("test-runtime").id());
            assertEquals(List.of("+test-runtime"), events);
            registration.unregister();
            assertTrue(registry.find("test-runtime").isEmpty());
            assertEquals(List.of("+test-runtime", "-test-runtime"), events);
            BadInputException e = assertThrows(BadInputException.class, () -> registry.get("test-runtime"));
            assertTrue(e.getMessage().startsWith("unknown annotation tool 'test-runtime'; "), e.getMessage());
        } finally {
            registry.removeListener(listener);
        }
    }
}
