import java.util.Locale;

import org.focal.store.DatasetInfo;
import org.focal.store.Store;
import org.focal.store.internal.H2Store;

/**
 * Opens a workspace as Focal does and prints how long the open took and every dataset with its
 * counts: "OPEN_MS n" then "DATASET name images annotations" lines. Used by run.sh after each kill.
 */
public final class Check {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        try (Store s = H2Store.open(java.nio.file.Path.of(args[0]))) {
            java.util.List<DatasetInfo> all = s.datasets(); // the first query: recovery must not block it
            System.out.println(String.format(Locale.ROOT, "OPEN_MS %d", (System.nanoTime() - t0) / 1_000_000));
            for (DatasetInfo d : all) {
                System.out.println("DATASET " + d.name() + " " + d.images() + " " + d.annotations());
            }
        }
    }
}
