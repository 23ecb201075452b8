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
import org.focal.store.internal.H2Store;

/**
 * Runs in a child JVM (plain class path) for {@link KillTest}: creates dataset "big", then imports
 * IMAGES images of PER_IMAGE polygons in one transaction, printing progress so the parent knows
 * when to kill it.
 */
public final class KillChild {

    static final int IMAGES = 200;
    static final int PER_IMAGE = 2000;

    public static void main(String[] args) {
        try (H2Store store = H2Store.open(Path.of(args[0]))) {
            store.createDataset(new Dataset("big", "", Task.SEGMENTATION, LabelSet.ofNames(List.of("nucleus")), null));
            List<DatasetContent.Image> images = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                List<Annotation> annotations = new ArrayList<>();
                for (int k = 0; k < PER_IMAGE; k++) {
                    annotations.add(StoreTest.polygon(k % 100 * 20, k / 100 * 20, 10, "nucleus"));
                }
                images.add(new DatasetContent.Image("img" + i + ".tif", 2000, 2000, annotations));
            }
            System.out.println("START");
            System.out.flush();
            store.importContent("big", new DatasetContent(new Dataset("x", "", Task.SEGMENTATION, LabelSet.ofNames(List.of("nucleus")), null),
                    images), ImportChild.progressLines());
            System.out.println("DONE");
        }
    }
}
