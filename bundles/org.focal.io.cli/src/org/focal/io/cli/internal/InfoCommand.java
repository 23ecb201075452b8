package org.focal.io.cli.internal;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

import org.focal.cli.FocalCommand;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.ResolutionLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code focal info PATH [--json]}: what the reader knows about an image, a volume or a DICOM series folder. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show an image's size, levels, tiles, pixel size and format metadata (a file or a DICOM series folder).")
public final class InfoCommand extends ImageCommand {

    /** DICOM properties that also appear at the top level of the JSON. */
    private static final String[] TOP_LEVEL = {ImageProperties.MODALITY, ImageProperties.SERIES_INSTANCE_UID,
        ImageProperties.RESCALE_SLOPE, ImageProperties.RESCALE_INTERCEPT, ImageProperties.WINDOW_CENTER,
        ImageProperties.WINDOW_WIDTH, ImageProperties.MAGNIFICATION};



    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;


    @Activate
    public InfoCommand(@Reference ReaderRegistry readers) {
        super(readers);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ImageSource source = open()) {
            ImageMetadata m = source.metadata();
            String reader = source.reference().readerId();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(m, reader)));
            } else {
                printText(out, m, reader);
            }
        }
        return 0;
    }

    ObjectNode toJson(ImageMetadata m, String reader) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("path", path.toString());
        root.put("reader", reader);
        root.put("format", m.format());
        root.put("width", m.width());
        root.put("height", m.height());
        root.put("sizeZ", m.sizeZ());
        root.put("sizeT", m.sizeT());
        root.put("channels", m.channels());
        root.put("pixelType", m.pixelType().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode levels = root.putArray("levels");
        for (ResolutionLevel l : m.levels()) {
            levels.addObject().put("downsample", l.downsample()).put("width", l.width()).put("height", l.height());
        }
        root.put("tileWidth", m.tileWidth());
        root.put("tileHeight", m.tileHeight());
        PixelCalibration c = m.calibration();
        root.putObject("pixelSize").put("x", c.x()).put("y", c.y()).put("z", c.z()).put("unit", c.unit());
        ArrayNode associated = root.putArray("associatedImages");
        m.associatedImages().forEach(associated::add);
        for (String key : TOP_LEVEL) {
            String value = m.properties().get(key);
            if (value != null) {
                putNumberOrText(root, key, value);
            }
        }
        if (m.sizeZ() > 1) {
            ObjectNode g = root.putObject("geometry");
            ArrayNode origin = g.putArray("origin");
            for (double v : m.geometry().origin()) {
                origin.add(v);
            }
            ArrayNode direction = g.putArray("direction");
            for (double v : m.geometry().direction()) {
                direction.add(v);
            }
        }
        ObjectNode props = root.putObject("properties");
        new TreeMap<>(m.properties()).forEach(props::put);
        return root;
    }

    private static void putNumberOrText(ObjectNode node, String key, String value) {
        try {
            if (key.equals(ImageProperties.SERIES_INSTANCE_UID) || key.equals(ImageProperties.MODALITY)) {
                node.put(key, value);
            } else {
                node.put(key, Double.parseDouble(value.split("\\\\")[0].strip()));
            }
        } catch (NumberFormatException e) {
            node.put(key, value);
        }
    }

    private void printText(PrintWriter out, ImageMetadata m, String reader) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put("path", path.toString());
        rows.put("reader", reader + " (" + m.format() + ")");
        rows.put("size", m.width() + " x " + m.height() + (m.sizeZ() > 1 ? " x " + m.sizeZ() + " z" : "")
                + (m.sizeT() > 1 ? " x " + m.sizeT() + " t" : ""));
        rows.put("pixels", m.channels() + " channel" + (m.channels() > 1 ? "s" : "") + ", " + m.pixelType());
        StringBuilder levels = new StringBuilder();
        for (ResolutionLevel l : m.levels()) {
            levels.append(levels.isEmpty() ? "" : ", ").append(l.width()).append("x").append(l.height())
                    .append(String.format(java.util.Locale.ROOT, " (%.4g)", l.downsample()));
        }
        rows.put("levels", m.levels().size() + ": " + levels);
        rows.put("tile", m.tileWidth() + " x " + m.tileHeight());
        PixelCalibration c = m.calibration();
        rows.put("pixel size", c.isCalibrated() ? c.x() + " x " + c.y() + (m.sizeZ() > 1 ? " x " + c.z() : "") + " " + c.unit()
                : "not calibrated");
        if (!m.associatedImages().isEmpty()) {
            rows.put("associated", String.join(", ", m.associatedImages()));
        }
        new TreeMap<>(m.properties()).forEach((k, v) -> rows.put(k, v.length() > 100 ? v.substring(0, 100) + "..." : v));
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        rows.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, v));
    }
}
