package org.focal.io.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.SupportLevel;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;

class ReaderRegistryTest {

    @TempDir
    Path dir;

    record FakeReader(String id, SupportLevel level) implements ImageReader {
        @Override
        public SupportLevel support(Path path) {
            if (level == null) {
                throw new IllegalStateException("broken reader");
            }
            return level;
        }

        @Override
        public ImageSource open(Path path, Map<String, String> options) throws IOException {
            throw new IOException("opened by " + id);
        }
    }

    @Test
    void highestSupportWinsAndReadersComeAndGo() throws Exception {
        ReaderRegistry registry = Services.await(ReaderRegistry.class);
        Path file = Files.writeString(dir.resolve("x.img"), "data");
        ServiceRegistration<ImageReader> generic = Services.context().registerService(ImageReader.class,
                new FakeReader("fake-generic", SupportLevel.GENERIC), null);
        ServiceRegistration<ImageReader> broken = Services.context().registerService(ImageReader.class,
                new FakeReader("fake-broken", null), null);
        try {
            assertEquals("fake-generic", registry.bestFor(file).orElseThrow().id());
            ServiceRegistration<ImageReader> specific = Services.context().registerService(ImageReader.class,
                    new FakeReader("fake-specific", SupportLevel.SPECIFIC), null);
            assertEquals("fake-specific", registry.bestFor(file).orElseThrow().id());
            IOException e = assertThrows(IOException.class, () -> registry.open(file));
            assertEquals("opened by fake-specific", e.getMessage());
            specific.unregister();
            assertEquals("fake-generic", registry.bestFor(file).orElseThrow().id());
            assertTrue(registry.all().stream().anyMatch(r -> r.id().equals("fake-broken")));
        } finally {
            generic.unregister();
            broken.unregister();
        }
    }

    @Test
    void unreadableInputIsBadInputNamingTheFile() throws Exception {
        ReaderRegistry registry = Services.await(ReaderRegistry.class);
        Path missing = dir.resolve("missing.svs");
        BadInputException e = assertThrows(BadInputException.class, () -> registry.open(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        Path noise = Files.write(dir.resolve("noise.dcm"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        e = assertThrows(BadInputException.class, () -> registry.open(noise));
        assertTrue(e.getMessage().contains("noise.dcm") && e.getMessage().contains("9 bytes"), e.getMessage());
    }
}
