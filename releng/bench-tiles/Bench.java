import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.RegionRequest;
import org.focal.io.codecs.JpegDecoder;
import org.focal.io.internal.BoundedTileCache;
import org.focal.io.tiff.internal.TiffReader;

/**
 * Focal side of the tile benchmark, on a plain class path (no OSGi): the TIFF reader with the
 * default-sized tile cache (focal.tilecache.mb, else a quarter of the heap, at most 512 MB).
 *
 * <pre>
 * Bench regions IMAGE REGIONS_FILE WARMUP_FILE THREADS   -> prints "regions/s"
 * Bench alltiles IMAGE                                   -> reads every 512 x 512 tile of level 0
 * </pre>
 *
 * JPEG tiles decode with libjpeg-turbo (org.focal.io.turbojpeg, when its jar is on the class path
 * and the library loads) unless {@code -Dbench.jpeg=jdk}; the decoder used goes to stderr.
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("regions")) {
            Path image = Path.of(args[1]);
            List<int[]> regions = regions(Path.of(args[2]));
            List<int[]> warmup = regions(Path.of(args[3]));
            int threads = Integer.parseInt(args[4]);
            run(image, warmup, threads); // JIT and page cache warm-up, on other regions, then a fresh cache
            double perSecond = run(image, regions, threads);
            System.out.printf("%.2f%n", perSecond);
        } else {
            allTiles(Path.of(args[1]));
        }
    }

    /** The TIFF reader as DS would wire it: with the libjpeg-turbo decoder when available. */
    static TiffReader reader() {
        TiffReader reader = new TiffReader(new BoundedTileCache());
        String decoder = "JDK ImageIO";
        if (!"jdk".equals(System.getProperty("bench.jpeg"))) {
            try {
                Object d = Class.forName("org.focal.io.turbojpeg.internal.TurboJpegDecoder").getMethod("load").invoke(null);
                reader.setJpegDecoder((JpegDecoder) d);
                decoder = ((JpegDecoder) d).name();
            } catch (ReflectiveOperationException | LinkageError e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                decoder = "JDK ImageIO (libjpeg-turbo not used: " + c + ")";
            }
        }
        System.err.println("JPEG decoder: " + decoder);
        return reader;
    }

    static List<int[]> regions(Path file) throws Exception {
        List<int[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                out.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
            }
        }
        return out;
    }

    static double run(Path image, List<int[]> regions, int threads) throws Exception {
        TiffReader reader = reader();
        try (ImageSource s = reader.open(image, Map.of())) {
            AtomicInteger next = new AtomicInteger();
            Runnable work = () -> {
                int i;
                while ((i = next.getAndIncrement()) < regions.size()) {
                    int[] r = regions.get(i);
                    try {
                        s.read(RegionRequest.of(r[0], r[1], 512, 512));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            };
            long t0 = System.nanoTime();
            Thread[] ts = new Thread[threads];
            for (int k = 0; k < threads; k++) {
                ts[k] = new Thread(work);
                ts[k].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            return regions.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static void allTiles(Path image) throws Exception {
        TiffReader reader = reader();
        long t0 = System.nanoTime();
        long tiles = 0;
        long checksum = 0;
        try (ImageSource s = reader.open(image, Map.of())) {
            ImageMetadata m = s.metadata();
            for (int y = 0; y < m.height(); y += 512) {
                for (int x = 0; x < m.width(); x += 512) {
                    int w = Math.min(512, m.width() - x);
                    int h = Math.min(512, m.height() - y);
                    byte[] px = (byte[]) s.read(RegionRequest.of(x, y, w, h)).data();
                    checksum += px[px.length / 2] & 0xFF;
                    tiles++;
                }
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d x %d: %d tiles of 512 x 512 in %.1f s (%.0f tiles/s), max heap %d MB, peak heap pools %d MB, checksum %d%n",
                    m.width(), m.height(), tiles, sec, tiles / sec, Runtime.getRuntime().maxMemory() >> 20, peak >> 20,
                    checksum);
        }
    }
}
