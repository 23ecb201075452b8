package org.focal.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.focal.core.ProgressMonitor;
import org.focal.store.DatasetInfo;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, defects 2-4: kill -9 of a child JVM during and right after big imports, several times
 * on one workspace. Every import must be whole or absent, the workspace must open and take writes
 * (it used to lock the user out with "Timeout trying to lock table ... DELETE FROM annotations WHERE
 * import_id = ?", and to show single rows of a killed import), and an import whose success was
 * reported must survive a kill right after it (H2 delayed writes by 500 ms).
 */
class KillRecoveryTest {

    static final int IMAGES = 20;
    static final int PER_IMAGE = 2500;

    @TempDir
    Path ws;

    @Test
    void killRightAfterTheSuccessPointKeepsTheWholeImport() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "done" + round;
            Child child = Child.start(ws, name, 4, 500);
            child.killWhen(line -> line.startsWith("DONE"));
            assertTrue(child.lines.stream().anyMatch(l -> l.startsWith("DONE")), "child reached its success point: " + child.lines);
            assertEquals(137, child.process.exitValue(), "killed by SIGKILL");
            try (Store s = StoreTest.open(ws)) {
                DatasetInfo d = s.dataset(name);
                assertEquals(4, d.images(), "round " + round);
                assertEquals(4 * 500, d.annotations(), "round " + round);
            }
        }
    }

    @Test
    void repeatedKillsLeaveEveryImportWholeOrAbsentAndTheWorkspaceUsable() throws Exception {
        Random random = new Random(17);
        long total = (long) IMAGES * (PER_IMAGE + 1);
        for (int round = 0; round < 4; round++) {
            String name = "big" + round;
            double at = 0.1 + 0.85 * random.nextDouble();
            Child child = Child.start(ws, name, IMAGES, PER_IMAGE);
            child.killWhen(line -> Child.progress(line) > at * total || line.startsWith("DONE"));
            try (Store s = StoreTest.open(ws)) {
                for (DatasetInfo d : s.datasets()) {
                    boolean absent = d.images() == 0 && d.annotations() == 0;
                    boolean whole = d.images() == IMAGES && d.annotations() == total - IMAGES;
                    assertTrue(absent || whole, "round " + round + ": " + d.name() + " has " + d.images() + " images, "
                            + d.annotations() + " annotations");
                }
                // usable: writes, an import and a delete go through (no lock timeout)
                s.createDataset(StoreTest.dataset("probe"));
                long id = s.addImages("probe", List.of(new NewImage("p.png", null, false, 10, 10, 1)), ProgressMonitor.NULL).get(0).id();
                s.addAll(id, List.of(StoreTest.polygon(1, 1, 3, "tumor")), ProgressMonitor.NULL);
                assertEquals(1, s.dataset("probe").annotations());
                s.deleteDataset("probe");
                s.deleteDataset(name);
            }
        }
    }
}
