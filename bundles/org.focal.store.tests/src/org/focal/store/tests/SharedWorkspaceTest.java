package org.focal.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.focal.store.DatasetInfo;
import org.focal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, shared workspaces: a writer process imports while this process has the same workspace
 * open and reads it. Both work at once; the reader never sees part of the import; the recovery of
 * the reader's open does not undo the live writer's import.
 */
class SharedWorkspaceTest {

    @TempDir
    Path ws;

    @Test
    void aReaderAndAWriterProcessShareTheWorkspace() throws Exception {
        int images = 20;
        int perImage = 2000;
        try (Store reader = StoreTest.open(ws)) {
            reader.createDataset(StoreTest.dataset("mine"));
            Child writer = Child.start(ws, "theirs", images, perImage);
            int reads = 0;
            boolean[] done = {false};
            Thread watcher = new Thread(() -> {
                try {
                    writer.killWhen(line -> false); // reads its output to the end
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.process.getOutputStream().close(); // lets it exit after DONE
            watcher.start();
            // a second open while the writer runs: must not touch its running import
            while (watcher.isAlive()) {
                try (Store other = StoreTest.open(ws)) {
                    Optional<DatasetInfo> d = other.findDataset("theirs");
                    if (d.isPresent()) {
                        long n = d.get().annotations();
                        assertTrue(n == 0 || n == (long) images * perImage, "partial import visible: " + n);
                        assertTrue(d.get().images() == 0 || d.get().images() == images, "partial images: " + d.get().images());
                    }
                }
                Optional<DatasetInfo> d = reader.findDataset("theirs");
                if (d.isPresent()) {
                    long n = d.get().annotations();
                    assertTrue(n == 0 || n == (long) images * perImage, "partial import visible: " + n);
                }
                reads++;
                Thread.sleep(200);
            }
            watcher.join();
            done[0] = writer.lines.stream().anyMatch(l -> l.startsWith("DONE"));
            assertTrue(done[0], "writer finished: " + writer.lines);
            assertEquals(0, writer.process.waitFor());
            assertTrue(reads >= 2, "read while the writer ran: " + reads);
            DatasetInfo theirs = reader.dataset("theirs");
            assertEquals(images, theirs.images());
            assertEquals((long) images * perImage, theirs.annotations());
            assertEquals(0, reader.dataset("mine").annotations());
        }
    }
}
