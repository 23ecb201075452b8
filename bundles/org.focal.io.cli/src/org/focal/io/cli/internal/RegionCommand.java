package org.focal.io.cli.internal;

import java.nio.file.Path;

import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.focal.io.DisplayWindow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code focal region}: one rectangle of an image, at a level or downsample and plane, as a PNG. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "region", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a region of an image (level-0 coordinates) as PNG, at a pyramid level or downsample, on plane z.")
public final class RegionCommand extends ImageCommand {

    /** Largest output; it is written band by band, so this bounds file size and time, not memory. */
    static final long MAX_PIXELS = 400_000_000L;

    @Option(names = "--x", required = true, description = "Left edge in level-0 pixels.")
    int x;

    @Option(names = "--y", required = true, description = "Top edge in level-0 pixels.")
    int y;

    @Option(names = "--w", required = true, description = "Width in level-0 pixels.")
    int w;

    @Option(names = "--h", required = true, description = "Height in level-0 pixels.")
    int h;

    static final class Scale {
        @Option(names = "--level", paramLabel = "L", description = "Pyramid level to read (0 = full resolution).")
        Integer level;

        @Option(names = "--downsample", paramLabel = "D", description = "Downsample factor (1 = full resolution).")
        Double downsample;
    }

    @ArgGroup(exclusive = true)
    Scale scale;

    @Option(names = "--z", defaultValue = "0", description = "Plane (slice) index, default ${DEFAULT-VALUE}.")
    int z;

    @Option(names = "--window", paramLabel = "CENTER,WIDTH", description = "Display window in real units (e.g. HU), e.g. 40,400.")
    String window;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
    Path out;


    @Activate
    public RegionCommand(@Reference ReaderRegistry readers) {
        super(readers);
    }

    @Override
    public Integer call() throws Exception {
        DisplayWindow displayWindow = window == null ? null : DisplayWindow.parse(window);
        Images.checkOutput(out);
        if (w <= 0 || h <= 0) {
            throw new BadInputException("--w and --h must be positive");
        }
        try (ImageSource source = open()) {
            ImageMetadata m = source.metadata();
            double downsample = 1;
            if (scale != null && scale.level != null) {
                if (scale.level < 0 || scale.level >= m.levels().size()) {
                    throw new BadInputException("--level " + scale.level + " does not exist: " + path + " has levels 0.."
                            + (m.levels().size() - 1));
                }
                downsample = m.levels().get(scale.level).downsample();
            } else if (scale != null && scale.downsample != null) {
                if (!(scale.downsample > 0) || scale.downsample.isInfinite()) {
                    throw new BadInputException("--downsample must be a positive number");
                }
                downsample = scale.downsample;
            }
            if (z < 0 || z >= m.sizeZ()) {
                throw new BadInputException("--z " + z + " does not exist: " + path + " has planes 0.." + (m.sizeZ() - 1));
            }
            RegionRequest request = new RegionRequest(x, y, w, h, downsample, z, 0);
            if (!request.isInside(m.width(), m.height())) {
                if (x >= m.width() || y >= m.height() || (long) x + w <= 0 || (long) y + h <= 0) {
                    throw new BadInputException("region " + x + "," + y + " " + w + "x" + h + " lies outside " + path + " ("
                            + m.width() + " x " + m.height() + ")");
                }
            }
            long pixels = (long) request.outputWidth() * request.outputHeight();
            if (pixels > MAX_PIXELS) {
                throw BadInputException.forFile(path, "a region of " + request.outputWidth() + " x " + request.outputHeight()
                        + " pixels is more than Focal writes to one PNG (" + MAX_PIXELS / 1_000_000 + " million pixels); use --downsample");
            }
            Images.writeRegion(source, request, displayWindow, out);
            spec.commandLine().getOut().println(out + ": " + request.outputWidth() + " x " + request.outputHeight());
        }
        return 0;
    }
}
