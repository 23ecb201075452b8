import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.internal.H2Store;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Store benchmark: N nucleus-like polygons (20 vertices, 4-12 px radius) on one 100 000 x 100 000
 * image, inserted in one transaction, then region queries of 2000 x 2000 windows at random places
 * (a different window every run, so no result cache helps). Prints medians.
 */
public final class StoreBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int queries = 50;
        GeometryFactory f = new GeometryFactory();
        double[] insertSeconds = new double[runs];
        double[] queryMs = new double[runs];
        double[] rows = new double[runs];
        for (int run = 0; run < runs; run++) {
            Path ws = Files.createTempDirectory(Path.of(args[0]), "bench");
            Random r = new Random(run);
            List<Annotation> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double cx = r.nextDouble() * 100_000, cy = r.nextDouble() * 100_000, rad = 4 + r.nextDouble() * 8;
                Coordinate[] cs = new Coordinate[21];
                for (int k = 0; k < 20; k++) {
                    double a = k * Math.PI / 10;
                    cs[k] = new Coordinate(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
                }
                cs[20] = cs[0];
                all.add(Annotation.manual(AnnotationKind.POLYGON, f.createPolygon(cs), ImagePlane.DEFAULT, "nucleus", "bench"));
            }
            try (Store s = H2Store.open(ws)) {
                s.createDataset(new Dataset("bench", "", Task.SEGMENTATION, LabelSet.ofNames(List.of("nucleus")), null));
                long image = s.addImages("bench", List.of(new NewImage("slide.svs", null, false, 100_000, 100_000, 1)),
                        ProgressMonitor.NULL).get(0).id();
                long t0 = System.nanoTime();
                s.addAll(image, all, ProgressMonitor.NULL);
                insertSeconds[run] = (System.nanoTime() - t0) / 1e9;
                s.annotationsIn(image, ImagePlane.DEFAULT, new Envelope(0, 2000, 0, 2000)); // warm up
                double[] times = new double[queries];
                long found = 0;
                for (int q = 0; q < queries; q++) {
                    double x = r.nextDouble() * 98_000, y = r.nextDouble() * 98_000;
                    long t1 = System.nanoTime();
                    found += s.annotationsIn(image, ImagePlane.DEFAULT, new Envelope(x, x + 2000, y, y + 2000)).size();
                    times[q] = (System.nanoTime() - t1) / 1e6;
                }
                queryMs[run] = median(times);
                rows[run] = (double) found / queries;
            }
            System.out.printf(Locale.ROOT, "run %d: insert %d polygons %.2f s, region query median %.2f ms (%.0f objects per window)%n",
                    run + 1, n, insertSeconds[run], queryMs[run], rows[run]);
        }
        System.out.printf(Locale.ROOT, "MEDIAN over %d runs: insert %.2f s (%.0f polygons/s), 2000x2000 region query %.2f ms, %.0f objects per window%n",
                runs, median(insertSeconds), n / median(insertSeconds), median(queryMs), median(rows));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
