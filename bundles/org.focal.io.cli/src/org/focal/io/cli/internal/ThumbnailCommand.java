package org.focal.io.cli.internal;

import java.nio.file.Path;


import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code focal thumbnail}: the whole image (middle plane of a volume) fitted into a square, as a PNG. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "thumbnail", mixinStandardHelpOptions = true,
        description = "Write the whole image, shrunk to fit --max pixels, as PNG (volumes: the middle slice).")
public final class ThumbnailCommand extends ImageCommand {



    @Option(names = "--max", defaultValue = "512", description = "Longest side in pixels, default ${DEFAULT-VALUE}.")
    int max;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
    Path out;


    @Activate
    public ThumbnailCommand(@Reference ReaderRegistry readers) {
        super(readers);
    }

    @Override
    public Integer call() throws Exception {
        if (max < 1 || max > 16384) {
            throw new BadInputException("--max must lie between 1 and 16384, was " + max);
        }
        Images.checkOutput(out);
        try (ImageSource source = open()) {
            ImageMetadata m = source.metadata();
            double downsample = Math.max(1.0, Math.max(m.width(), m.height()) / (double) max);
            RegionRequest request = new RegionRequest(0, 0, m.width(), m.height(), downsample, m.sizeZ() / 2, 0);
            Images.checkMemory(path, "a thumbnail of " + request.outputWidth() + " x " + request.outputHeight() + " pixels",
                    2 * PixelBuffer.samples(request.outputWidth(), request.outputHeight(), m.channels())
                            * m.pixelType().bytesPerSample(), "use a smaller --max");
            Images.writeRegion(source, request, null, out);
            spec.commandLine().getOut().println(out + ": " + request.outputWidth() + " x " + request.outputHeight());
        }
        return 0;
    }
}
