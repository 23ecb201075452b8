package org.focal.pathology.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.focal.cli.ConsoleProgress;
import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.ReaderRegistry;
import org.focal.pathology.Nucleus;
import org.focal.pathology.NucleusLabelImage;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.StainVectors;
import org.focal.pathology.TiledNucleusDetection;
import org.locationtech.jts.geom.Coordinate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code focal nuclei}: nucleus segmentation of an H&amp;E image or region, written as QuPath-style GeoJSON. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "nuclei", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Segment cell nuclei in an H&E image (or a region of it) and write them as GeoJSON detections "
                + "(QuPath's format), optionally also as a label image.")
public final class NucleiCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "H&E image or whole slide.")
    Path path;

    @Option(names = "--region", paramLabel = "X,Y,W,H", description = "Level-0 rectangle to segment (default: the whole image).")
    String region;

    @Option(names = "--out", required = true, paramLabel = "NUCLEI.geojson", description = "GeoJSON FeatureCollection to write.")
    Path out;

    @Option(names = "--labels-out", paramLabel = "LABELS.tif",
            description = "Also write a label TIFF of the region (0 = background, nucleus i = i; 16-bit, 32-bit above 65535 nuclei).")
    Path labelsOut;

    @Option(names = "--segmenter", defaultValue = "classical", description = "Segmenter id, default ${DEFAULT-VALUE}.")
    String segmenterId;

    @Option(names = "--stains", defaultValue = "estimate", paramLabel = "estimate|ruifrok|hR,hG,hB;eR,eG,eB",
            description = "Stain vectors: estimated from the image (Macenko, default), Ruifrok & Johnston's standard H&E, or given.")
    String stains;

    @Option(names = "--pixel-size", paramLabel = "UM", description = "Pixel size in micrometres when the image has none "
            + "(default " + NucleusParameters.DEFAULT_PIXEL_SIZE_UM + ") or to override it.")
    Double pixelSize;

    @Option(names = "--threshold", paramLabel = "OD", description = "Fixed hematoxylin optical-density threshold (default: automatic).")
    Double threshold;

    @Option(names = "--min-area", paramLabel = "UM2", description = "Smallest nucleus in um^2.")
    Double minArea;

    @Option(names = "--max-area", paramLabel = "UM2", description = "Largest nucleus in um^2.")
    Double maxArea;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--tile", paramLabel = "PX", defaultValue = "" + TiledNucleusDetection.DEFAULT_TILE,
            description = "Tile size in pixels, default ${DEFAULT-VALUE}.")
    int tile;

    private final ReaderRegistry readers;
    private final List<NucleusSegmenter> segmenters;

    @Activate
    public NucleiCommand(@Reference ReaderRegistry readers, @Reference List<NucleusSegmenter> segmenters) {
        this.readers = readers;
        this.segmenters = segmenters;
    }

    @Override
    public Integer call() throws Exception {
        checkOutput(out, ".geojson", ".json");
        if (labelsOut != null) {
            checkOutput(labelsOut, ".tif", ".tiff");
        }
        if (tile < 64) {
            throw new BadInputException("--tile must be at least 64 pixels");
        }
        NucleusSegmenter segmenter = CliOptions.segmenter(segmenters, segmenterId);
        NucleusParameters params = parameters();
        try (ImageSource source = readers.open(path)) {
            ImageMetadata m = source.metadata();
            if (m.channels() != 3 || m.pixelType() != PixelType.UINT8) {
                throw BadInputException.forFile(path, "nucleus segmentation needs an 8-bit RGB (H&E) image, this one has "
                        + m.channels() + " channel(s) of " + m.pixelType().name().toLowerCase(Locale.ROOT));
            }
            int[] r = region == null ? new int[] {0, 0, m.width(), m.height()} : parseRegion(region, m);
            double um = pixelSizeUm(m.calibration());
            if (labelsOut != null && (long) r[2] * r[3] > 500_000_000L) {
                throw new BadInputException("--labels-out: region of " + r[2] + " x " + r[3] + " pixels is too large for a label image; use --region");
            }
            PrintWriter err = spec.commandLine().getErr();
            long start = System.nanoTime();
            TiledNucleusDetection.Result result;
            try (ConsoleProgress progress = new ConsoleProgress(err, true)) {
                result = new TiledNucleusDetection(segmenter).tileSize(tile)
                        .threads(CliOptions.threads(threads))
                        .run(source, r[0], r[1], r[2], r[3], um, params, progress);
            }
            writeGeoJson(result.nuclei(), um, out);
            if (labelsOut != null) {
                NucleusLabelImage.write(result.nuclei(), r[0], r[1], r[2], r[3], labelsOut);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d nuclei in %d x %d pixels at %.4f um/px (%s, %d tiles, %.1f s)%n",
                    out, result.nuclei().size(), r[2], r[3], um, result.resolvedParameters().stains().name(), result.tiles(),
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private NucleusParameters parameters() {
        NucleusParameters p = NucleusParameters.defaults();
        p = p.withStains(StainVectors.fromOption(stains));
        if (threshold != null) {
            if (!(threshold > 0) || threshold.isInfinite()) {
                throw new BadInputException("--threshold must be a positive optical density");
            }
            p = p.withThreshold(threshold);
        }
        double min = minArea == null ? p.minAreaUm2() : minArea;
        double max = maxArea == null ? p.maxAreaUm2() : maxArea;
        if (!(min >= 0) || !(max > min) || Double.isInfinite(max)) {
            throw new BadInputException("--min-area and --max-area must satisfy 0 <= min < max, were " + min + " and " + max);
        }
        return p.withAreaRange(min, max);
    }

    private double pixelSizeUm(PixelCalibration c) {
        if (pixelSize != null) {
            if (!(pixelSize > 0) || pixelSize.isInfinite()) {
                throw new BadInputException("--pixel-size must be a positive number of micrometres");
            }
            return pixelSize;
        }
        if (c.isCalibrated()) {
            double v = (c.x() + c.y()) / 2;
            return switch (c.unit()) {
                case "um", "µm", "micron", "microns" -> v;
                case "mm" -> v * 1000;
                case "nm" -> v / 1000;
                case "cm" -> v * 10_000;
                default -> throw BadInputException.forFile(path, "pixel size unit '" + c.unit() + "' is unknown; give --pixel-size");
            };
        }
        spec.commandLine().getErr().println("focal: " + path + " has no pixel size; assuming "
                + NucleusParameters.DEFAULT_PIXEL_SIZE_UM + " um (20x), override with --pixel-size");
        return NucleusParameters.DEFAULT_PIXEL_SIZE_UM;
    }

    private static int[] parseRegion(String text, ImageMetadata m) {
        String[] parts = text.split(",");
        int[] r = new int[4];
        try {
            if (parts.length != 4) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 4; i++) {
                r[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("--region must be X,Y,W,H in level-0 pixels, not '" + text + "'");
        }
        if (r[2] <= 0 || r[3] <= 0) {
            throw new BadInputException("--region width and height must be positive");
        }
        if (r[0] < 0 || r[1] < 0 || (long) r[0] + r[2] > m.width() || (long) r[1] + r[3] > m.height()) {
            throw new BadInputException("--region " + text + " does not lie inside the image (" + m.width() + " x " + m.height() + ")");
        }
        return r;
    }

    static void checkOutput(Path file, String... extensions) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw BadInputException.forFile(file, "output folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw BadInputException.forFile(file, "is a folder; give a file name");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith(e)) {
                return;
            }
        }
        throw BadInputException.forFile(file, "output must end in " + String.join(" or ", extensions));
    }

    /** QuPath-compatible detections: one Feature per nucleus, pixel-edge Polygon in level-0 pixels. */
    static void writeGeoJson(List<Nucleus> nuclei, double um, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(tmp);
                JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Nucleus n : nuclei) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("geometry");
                g.writeStringField("type", "Polygon");
                g.writeArrayFieldStart("coordinates");
                g.writeStartArray();
                for (Coordinate c : n.outline().getExteriorRing().getCoordinates()) {
                    g.writeStartArray();
                    writeNumber(g, c.x);
                    writeNumber(g, c.y);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("properties");
                g.writeStringField("objectType", "detection");
                g.writeObjectFieldStart("classification");
                g.writeStringField("name", "Nucleus");
                g.writeArrayFieldStart("color");
                g.writeNumber(0);
                g.writeNumber(100);
                g.writeNumber(220);
                g.writeEndArray();
                g.writeEndObject();
                g.writeObjectFieldStart("measurements");
                for (Map.Entry<String, Double> e : n.measurements(um).entrySet()) {
                    g.writeNumberField(e.getKey(), Math.round(e.getValue() * 1e4) / 1e4);
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeNumber(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }
}
