package org.focal.store.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.Store;
import org.focal.store.internal.H2Store;

/**
 * A child JVM (plain class path) for the kill and shared-workspace tests:
 * {@code ImportChild WORKSPACE DATASET IMAGES PER_IMAGE} creates the dataset, imports IMAGES images
 * of PER_IMAGE boxes in one {@link Store#importContent} (printing {@code P <work done>}), then prints
 * {@code DONE} — the success point a CLI prints its "imported ..." line at — and waits for stdin to close.
 */
public final class ImportChild {

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        String name = args[1];
        int images = Integer.parseInt(args[2]);
        int perImage = Integer.parseInt(args[3]);
        try (Store store = H2Store.open(ws)) {
            store.createDataset(new Dataset(name, "", Task.DETECTION, LabelSet.ofNames(List.of("cell")), null));
            System.out.println("START");
            System.out.flush();
            Store.ImportResult r = store.importContent(name, content(images, perImage), progressLines());
            System.out.println("DONE " + r.annotations());
            System.out.flush();
            System.in.read(); // the parent kills it or closes stdin
        }
    }

    static DatasetContent content(int images, int perImage) {
        List<DatasetContent.Image> all = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<Annotation> boxes = new ArrayList<>();
            for (int k = 0; k < perImage; k++) {
                boxes.add(StoreTest.polygon(k % 100 * 6, k / 100 * 6, 5, "cell"));
            }
            all.add(new DatasetContent.Image("img" + i + ".jpg", 640, 480, boxes));
        }
        return new DatasetContent(new Dataset("x", "", Task.DETECTION, LabelSet.ofNames(List.of("cell")), null), all);
    }

    /** Progress as "P n" lines on standard output, so the parent can kill at a chosen point. */
    static ProgressMonitor progressLines() {
        return new ProgressMonitor() {
            long done;

            @Override
            public void begin(String task, long total) {
            }

            @Override
            public void worked(long work) {
                done += work;
                System.out.println("P " + done);
                System.out.flush();
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public void done() {
            }
        };
    }
}
