package org.focal.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.focal.core.ProgressMonitor;
import org.focal.store.DatasetInfo;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** kill -9 in the middle of a big import: what was committed stays, the import is all or nothing. */
class KillTest {

    @TempDir
    Path ws;

    @Test
    void killedImportLeavesNoHalfDataset() throws Exception {
        try (Store s = StoreTest.open(ws)) {
            s.createDataset(StoreTest.dataset("before"));
            long id = s.addImages("before", List.of(new NewImage("a.png", null, false, 10, 10, 1)), ProgressMonitor.NULL).get(0).id();
            s.addAll(id, List.of(StoreTest.polygon(1, 1, 3, "tumor"), StoreTest.polygon(2, 2, 3, "stroma")), ProgressMonitor.NULL);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath(), KillChild.class.getName(), ws.toString())
                .redirectErrorStream(true).start();
        long half = (long) KillChild.IMAGES * (KillChild.PER_IMAGE + 1) / 3;
        List<String> seen = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line; (line = r.readLine()) != null;) {
                seen.add(line);
                if (line.startsWith("P ") && Long.parseLong(line.substring(2)) > half) {
                    child.destroyForcibly(); // SIGKILL on Linux
                    break;
                }
                if (line.equals("DONE")) {
                    break;
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen.contains("START"), "child ran: " + seen + " with " + classPath());
        assertTrue(!seen.contains("DONE"), "killed before the import finished");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        try (Store s = StoreTest.open(ws)) {
            DatasetInfo before = s.dataset("before");
            assertEquals(1, before.images());
            assertEquals(2, before.annotations());
            DatasetInfo big = s.dataset("big"); // created in its own committed transaction
            assertTrue(big.images() == 0 && big.annotations() == 0
                    || big.images() == KillChild.IMAGES && big.annotations() == (long) KillChild.IMAGES * KillChild.PER_IMAGE,
                    big.images() + " images, " + big.annotations() + " annotations");
            // still usable
            s.addImages("big", List.of(new NewImage("after.png", null, false, 1, 1, 1)), ProgressMonitor.NULL);
        }
    }

    /** What relative bundle locations are relative to: the framework's install area. */
    static Path base() {
        String install = System.getProperty("osgi.install.area");
        if (install != null && install.startsWith("file:")) {
            return Path.of(java.net.URLDecoder.decode(install.substring(5), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Path.of(System.getProperty("user.dir"), "target", "work");
    }

    /** The bundles the child needs, as class-path entries (jars or class folders). */
    static String classPath() {
        Set<String> wanted = Set.of("org.focal.store", "org.focal.store.tests", "org.focal.core", "com.h2database",
                "org.locationtech.jts.jts-core", "com.fasterxml.jackson.core.jackson-databind",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-annotations");
        List<String> entries = new ArrayList<>();
        for (Bundle b : Services.context().getBundles()) {
            if (!wanted.contains(b.getSymbolicName())) {
                continue;
            }
            String location = b.getLocation();
            int file = location.indexOf("file:");
            if (file < 0) {
                throw new AssertionError("cannot use bundle location " + location);
            }
            Path p = Path.of(java.net.URLDecoder.decode(location.substring(file + 5), java.nio.charset.StandardCharsets.UTF_8));
            if (!p.isAbsolute()) {
                p = base().resolve(p).normalize();
            }
            if (Files.isDirectory(p)) {
                for (String sub : List.of("target/classes", "bin")) {
                    if (Files.isDirectory(p.resolve(sub))) {
                        p = p.resolve(sub);
                        break;
                    }
                }
            }
            entries.add(p.toString());
        }
        if (entries.size() < wanted.size()) {
            throw new AssertionError("bundles not found for the child JVM: " + entries);
        }
        return String.join(File.pathSeparator, entries);
    }
}
