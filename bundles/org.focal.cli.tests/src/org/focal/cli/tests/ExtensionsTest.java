package org.focal.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.cli.FocalCommand;
import org.focal.cli.tests.CliHarness.Result;
import org.focal.extensions.ExtensionManager;
import org.focal.extensions.ExtensionManager.SyncResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Installs the reactor's example extension bundle into this running framework from an extensions
 * folder, sees its command service appear in the CLI, removes the jar and sees it go.
 */
class ExtensionsTest {

    @TempDir
    Path folder;

    /** The example extension jar the reactor built before this test bundle. */
    static Path exampleJar() throws IOException {
        Path target = Path.of(System.getProperty("focal.root", "."), "bundles", "org.focal.examples.hello", "target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "org.focal.examples.hello-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().contains("sources")) {
                    return jar;
                }
            }
        }
        throw new AssertionError("example extension jar not built in " + target);
    }

    @AfterEach
    void removeExtensions() throws Exception {
        CliHarness.service(ExtensionManager.class).synchronize(List.of());
    }

    private static boolean helloServicePresent() throws Exception {
        ServiceReference<?>[] refs = CliHarness.context().getAllServiceReferences(FocalCommand.class.getName(), null);
        if (refs == null) {
            return false;
        }
        for (ServiceReference<?> ref : refs) {
            if ("org.focal.examples.hello".equals(ref.getBundle().getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void extensionBundleComesAndGoesWithItsJar() throws Exception {
        assertFalse(helloServicePresent());
        Files.copy(exampleJar(), folder.resolve("hello.jar"));

        Result listed = CliHarness.run("--extensions", folder.toString(), "plugins");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().lines().anyMatch(l -> l.matches("\\s+hello\\s+org\\.focal\\.examples\\.hello 0\\.1\\.0.*")),
                listed.out());
        assertTrue(helloServicePresent());

        Result hello = CliHarness.run("--extensions=" + folder, "hello", "Ada");
        assertEquals(0, hello.code(), hello.err());
        assertEquals("Hello, Ada, from an extension bundle.", hello.out().strip());

        Files.delete(folder.resolve("hello.jar"));
        Result after = CliHarness.run("--extensions", folder.toString(), "plugins");
        assertEquals(0, after.code(), after.err());
        assertFalse(after.out().contains("org.focal.examples.hello"), after.out());
        assertFalse(helloServicePresent());
        for (Bundle b : CliHarness.context().getBundles()) {
            assertFalse("org.focal.examples.hello".equals(b.getSymbolicName()), "bundle still installed");
        }
        Result gone = CliHarness.run("--extensions", folder.toString(), "hello");
        assertEquals(2, gone.code());
        assertTrue(gone.err().startsWith("focal: unknown command 'hello'"), gone.err());
    }

    @Test
    void aBadJarIsReportedAndDoesNotStopTheOthers() throws Exception {
        Files.writeString(folder.resolve("broken.jar"), "not a zip");
        Files.copy(exampleJar(), folder.resolve("hello.jar"));
        SyncResult result = CliHarness.service(ExtensionManager.class).synchronize(List.of(folder));
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).contains("broken.jar"), result.problems().toString());
        assertEquals(1, result.installed().size());
        assertTrue(helloServicePresent());

        Result r = CliHarness.run("--extensions", folder.toString(), "hello");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("focal: warning: extension") && r.err().contains("broken.jar"), r.err());
    }

    @Test
    void aChangedJarIsUpdatedNotInstalledTwice() throws Exception {
        Path jar = folder.resolve("hello.jar");
        Files.copy(exampleJar(), jar);
        ExtensionManager manager = CliHarness.service(ExtensionManager.class);
        assertEquals(1, manager.synchronize(List.of(folder)).installed().size());
        SyncResult same = manager.synchronize(List.of(folder));
        assertTrue(same.installed().isEmpty() && same.updated().isEmpty(), same.toString());
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        SyncResult changed = manager.synchronize(List.of(folder));
        assertEquals(1, changed.updated().size(), changed.toString());
        assertTrue(helloServicePresent());
    }
}
