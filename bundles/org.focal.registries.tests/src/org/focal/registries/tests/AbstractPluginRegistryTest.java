package org.focal.registries.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.plugin.AbstractPluginRegistry;
import org.focal.core.plugin.FocalPlugin;
import org.focal.core.plugin.RegistryChangeListener;
import org.junit.jupiter.api.Test;

/** The registry bookkeeping without a framework: plugins, lookup errors and listeners. */
class AbstractPluginRegistryTest {

    record Plugin(String id) implements FocalPlugin {
    }

    static final class Registry extends AbstractPluginRegistry<Plugin> {
        Registry() {
            super("widget");
        }

        void add(Plugin p) {
            register(p);
        }

        void remove(Plugin p) {
            unregister(p);
        }
    }

    static final class Recorder implements RegistryChangeListener<Plugin> {
        final List<String> events = new ArrayList<>();

        @Override
        public void added(Plugin plugin) {
            events.add("+" + plugin.id());
        }

        @Override
        public void removed(Plugin plugin) {
            events.add("-" + plugin.id());
        }
    }

    @Test
    void listsSortedAndFindsById() {
        Registry registry = new Registry();
        registry.add(new Plugin("b"));
        registry.add(new Plugin("a"));
        assertEquals(List.of("a", "b"), registry.all().stream().map(Plugin::id).toList());
        assertEquals("b", registry.get("b").id());
        assertTrue(registry.find("c").isEmpty());
    }

    @Test
    void unknownIdNamesTheKindAndWhatIsInstalled() {
        Registry registry = new Registry();
        BadInputException none = assertThrows(BadInputException.class, () -> registry.get("x"));
        assertEquals("unknown widget 'x'; none installed", none.getMessage());
        registry.add(new Plugin("b"));
        registry.add(new Plugin("a"));
        BadInputException some = assertThrows(BadInputException.class, () -> registry.get("x"));
        assertEquals("unknown widget 'x'; installed: a, b", some.getMessage());
    }

    @Test
    void listenersHearAddsAndRemovesUntilRemoved() {
        Registry registry = new Registry();
        Recorder recorder = new Recorder();
        registry.addListener(recorder);
        Plugin a = new Plugin("a");
        registry.add(a);
        registry.remove(a);
        registry.remove(a); // not installed any more: no second event
        registry.removeListener(recorder);
        registry.add(new Plugin("b"));
        assertEquals(List.of("+a", "-a"), recorder.events);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        Registry registry = new Registry();
        registry.addListener(new RegistryChangeListener<Plugin>() {
            @Override
            public void added(Plugin plugin) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void removed(Plugin plugin) {
                throw new IllegalStateException("broken listener");
            }
        });
        Recorder recorder = new Recorder();
        registry.addListener(recorder);
        registry.add(new Plugin("a"));
        assertEquals(List.of("+a"), recorder.events);
        assertEquals(1, registry.all().size());
    }
}
