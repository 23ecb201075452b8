package org.focal.formats.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.focal.core.BadInputException;
import org.focal.core.dataset.Label;
import org.focal.core.export.ImportContext;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.VolumeGeometry;

/**
 * The image planes of a dataset in patient space: finds the image and z index a 2D slice of a
 * label map or DICOM SEG frame lies on, by position, in-plane axes, spacing and size. A target is
 * a volume (each z is a plane) or a single-slice image (a CT file of a series).
 */
final class Planes {

    /** A plane of a dataset image. */
    record Plane(ImportContext.Target image, int z) {
    }

    /** Where a 2D slice lies: its first pixel's centre, row and column directions, pixel spacing, size. */
    record Slice(double[] position, double[] rowDir, double[] colDir, double spacingX, double spacingY, int width, int height) {

        static Slice of(ImageMetadata m, int z) {
            VolumeGeometry g = m.geometry();
            PixelCalibration c = m.calibration();
            double[] d = g.direction();
            return new Slice(g.toPhysical(0, 0, z, c), new double[] {d[0], d[1], d[2]}, new double[] {d[3], d[4], d[5]},
                    c.x(), c.y(), m.width(), m.height());
        }

        String describe() {
            return String.format(Locale.ROOT, "%d x %d, position (%.3f, %.3f, %.3f), spacing %.4f x %.4f", width, height,
                    position[0], position[1], position[2], spacingX, spacingY);
        }
    }

    private final List<ImportContext.Target> targets;

    /** Planes of the given images; images without a known position in space are left out. */
    Planes(List<ImportContext.Target> all) {
        targets = all.stream().filter(t -> t.metadata() != null && !VolumeGeometry.IDENTITY.equals(t.metadata().geometry()))
                .toList();
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    /** The image named by the {@code image} option, or all images when there is none. */
    static List<ImportContext.Target> chosen(Path file, ImportContext ctx) {
        String name = ctx.options().get("image");
        if (name == null) {
            return ctx.images();
        }
        for (ImportContext.Target t : ctx.images()) {
            if (t.name().equals(name)) {
                if (t.metadata() == null) {
                    throw BadInputException.forFile(file, "image '" + name + "' of dataset '" + ctx.dataset() + "' cannot be opened");
                }
                return List.of(t);
            }
        }
        throw BadInputException.forFile(file, "dataset '" + ctx.dataset() + "' has no image '" + name + "'");
    }

    Optional<Plane> find(Slice s) {
        double tol = 0.1 * Math.min(s.spacingX, s.spacingY);
        for (ImportContext.Target t : targets) {
            ImageMetadata m = t.metadata();
            if (m.width() != s.width || m.height() != s.height || !close(m.calibration().x(), s.spacingX)
                    || !close(m.calibration().y(), s.spacingY)) {
                continue;
            }
            Slice first = Slice.of(m, 0);
            if (!same(first.rowDir, s.rowDir) || !same(first.colDir, s.colDir)) {
                continue;
            }
            double[] n = m.geometry().direction();
            double dz = m.calibration().z();
            for (int z = 0; z < m.sizeZ(); z++) {
                double[] p = m.sizeZ() == 1 ? first.position : m.geometry().toPhysical(0, 0, z, m.calibration());
                if (distance(p, s.position) <= tol) {
                    return Optional.of(new Plane(t, z));
                }
                if (m.sizeZ() > 1 && z == 0) {
                    // skip ahead: the z index along the normal
                    double along = (s.position[0] - p[0]) * n[6] + (s.position[1] - p[1]) * n[7] + (s.position[2] - p[2]) * n[8];
                    int guess = (int) Math.round(along / dz);
                    if (guess > 0 && guess < m.sizeZ()
                            && distance(m.geometry().toPhysical(0, 0, guess, m.calibration()), s.position) <= tol) {
                        return Optional.of(new Plane(t, guess));
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a));
    }

    private static boolean same(double[] a, double[] b) {
        return Math.abs(a[0] - b[0]) < 1e-3 && Math.abs(a[1] - b[1]) < 1e-3 && Math.abs(a[2] - b[2]) < 1e-3;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    // ------------------------------------------------------------------ label names

    /** The user's {@code map} option, {@code VALUE=LABEL,...}. */
    static Map<Integer, String> mapping(Path file, ImportContext ctx) {
        Map<Integer, String> map = new HashMap<>();
        String option = ctx.options().get("map");
        if (option == null || option.isBlank()) {
            return map;
        }
        for (String part : option.split(",")) {
            int eq = part.indexOf('=');
            try {
                map.put(Integer.parseInt(part.substring(0, Math.max(0, eq)).strip()), part.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("bad --map entry '" + part + "' (give VALUE=LABEL, e.g. 1=liver)");
            }
        }
        return map;
    }

    /**
     * The dataset label for each value: the user's mapping first, else the file's own name for it,
     * else {@code label-<value>}; matched to the dataset's labels ignoring case. A value without a
     * dataset label fails naming the file and the value.
     */
    static Map<Integer, Label> labels(Path file, ImportContext ctx, List<Integer> values, Map<Integer, String> fileNames,
            String what) {
        Map<Integer, String> user = mapping(file, ctx);
        Map<Integer, Label> out = new LinkedHashMap<>();
        for (int v : values) {
            String name = user.getOrDefault(v, fileNames.getOrDefault(v, "label-" + v));
            Optional<Label> found = ctx.labels().labels().stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
            if (found.isEmpty()) {
                List<String> names = new ArrayList<>(ctx.labels().labels().stream().map(Label::name).toList());
                throw BadInputException.forFile(file, what + " " + v + " ('" + name + "') is not a label of dataset '" + ctx.dataset()
                        + "' (labels: " + (names.isEmpty() ? "none" : String.join(", ", names)) + "); map it with --map " + v + "=LABEL");
            }
            out.put(v, found.get());
        }
        return out;
    }
}
