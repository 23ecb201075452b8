package org.focal.formats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.dataset.Label;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.ImportContext;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.VolumeGeometry;
import org.locationtech.jts.geom.Geometry;

/**
 * NRRD label maps (read by the NRRD reader) as mask annotations: one MASK per label value per slice,
 * on the dataset image plane the slice lies on (a volume with the same grid, or the single-slice
 * image at the slice's position, e.g. the CT files of a series). Label names come from the user's
 * mapping, else Slicer's {@code SegmentN_Name}/{@code SegmentN_LabelValue} header keys, else
 * {@code label-<value>}, and must be labels of the dataset.
 */
final class NrrdLabelFormat {

    private static final Pattern SEGMENT_KEY = Pattern.compile("nrrd\\.Segment(\\d+)_Name");

    private NrrdLabelFormat() {
    }

    static DatasetContent read(Path in, ImportContext ctx, ReaderRegistry readers, ProgressMonitor monitor) throws IOException {
        List<Path> files = Formats.files(in, p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".nrrd") || n.endsWith(".nhdr");
        }, ".nrrd or .nhdr files");
        return SegmentImport.readAll(files, ctx, "Reading NRRD label maps", monitor, (file, into) -> readOne(file, ctx, readers, into));
    }

    private static void readOne(Path file, ImportContext ctx, ReaderRegistry readers, SegmentImport into) throws IOException {
        try (ImageSource source = readers.open(file)) {
            ImageMetadata m = source.metadata();
            if (m.channels() != 1 || !m.pixelType().name().contains("INT")) {
                throw BadInputException.forFile(file, "not a label map (" + m.channels() + " channel(s) of " + m.pixelType()
                        + "; a label map has one integer channel)");
            }
            if (VolumeGeometry.IDENTITY.equals(m.geometry()) && !ctx.options().containsKey("image")) {
                throw BadInputException.forFile(file, "has no space origin/directions to find its image by; pass --image NAME");
            }
            int w = m.width();
            int h = m.height();
            // value -> z -> pixels
            Map<Integer, Map<Integer, BitSet>> masks = new TreeMap<>();
            for (int z = 0; z < m.sizeZ(); z++) {
                PixelBuffer b = source.read(new RegionRequest(0, 0, w, h, 1, z, 0));
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = (int) b.get(x, y, 0);
                        if (v != 0) {
                            masks.computeIfAbsent(v, k -> new TreeMap<>()).computeIfAbsent(z, k -> new BitSet(w * h)).set(y * w + x);
                        }
                    }
                }
            }
            if (masks.isEmpty()) {
                throw BadInputException.forFile(file, "label map has no labelled voxel (all values 0)");
            }
            Map<Integer, String> names = new HashMap<>();
            m.properties().forEach((k, v) -> {
                Matcher mt = SEGMENT_KEY.matcher(k);
                if (mt.matches()) {
                    String value = m.properties().get("nrrd.Segment" + mt.group(1) + "_LabelValue");
                    try {
                        names.put(value == null ? Integer.parseInt(mt.group(1)) + 1 : Integer.parseInt(value.strip()), v.strip());
                    } catch (NumberFormatException e) {
                        // a segment without a usable value keeps the default name
                    }
                }
            });
            Map<Integer, Label> labels = Planes.labels(file, ctx, List.copyOf(masks.keySet()), names, "label value");
            List<ImportContext.Target> chosen = Planes.chosen(file, ctx);
            Planes planes = new Planes(chosen);
            boolean explicit = ctx.options().containsKey("image");
            String fileName = file.getFileName().toString();
            for (int z = 0; z < m.sizeZ(); z++) {
                final int zz = z;
                if (masks.values().stream().noneMatch(byZ -> byZ.containsKey(zz))) {
                    continue;
                }
                Planes.Plane plane;
                if (explicit && (VolumeGeometry.IDENTITY.equals(m.geometry())
                        || VolumeGeometry.IDENTITY.equals(chosen.get(0).metadata().geometry()))) {
                    // no position in space on one side: slice z is plane z of the named image
                    ImageMetadata t = chosen.get(0).metadata();
                    if (t.width() != w || t.height() != h || t.sizeZ() != m.sizeZ()) {
                        throw BadInputException.forFile(file, "grid " + w + " x " + h + " x " + m.sizeZ() + " differs from image '"
                                + chosen.get(0).name() + "' (" + t.width() + " x " + t.height() + " x " + t.sizeZ() + ")");
                    }
                    plane = new Planes.Plane(chosen.get(0), z);
                } else {
                    Planes.Slice slice = Planes.Slice.of(m, z);
                    plane = planes.find(slice).orElseThrow(() -> BadInputException.forFile(file, "slice z=" + zz + " ("
                            + slice.describe() + ") lies on no image plane of " + (explicit ? "image '" + chosen.get(0).name() + "'"
                                    : "dataset '" + ctx.dataset() + "'") + ": a different grid"
                            + (explicit ? "" : " (import the image first, or pass --image NAME)")));
                }
                for (Map.Entry<Integer, Map<Integer, BitSet>> e : masks.entrySet()) {
                    BitSet bits = e.getValue().get(z);
                    if (bits == null) {
                        continue;
                    }
                    Geometry g = Masks.outline(w, h, (x, y) -> bits.get(y * w + x));
                    into.addMask(plane, g, labels.get(e.getKey()), "nrrd-labels", fileName, Integer.toString(e.getKey()),
                            plane.image().name(), Integer.toString(plane.z()));
                }
            }
        }
    }
}
