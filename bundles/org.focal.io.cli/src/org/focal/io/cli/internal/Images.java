package org.focal.io.cli.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.RegionRequest;
import org.focal.io.DisplayWindow;
import org.focal.io.PixelBuffers;
import org.focal.io.PngStreamWriter;
import org.focal.io.Rendering;

/** What the image commands share: checking the output path and memory, and writing PNGs. */
final class Images {

    /** Output pixels read, rendered and written at once; larger outputs go band by band. */
    static final long BAND_PIXELS = 4L << 20;

    private Images() {
    }

    /** Fails before any work when the PNG cannot be written there. */
    static void checkOutput(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw BadInputException.forFile(out, "output folder " + parent + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw BadInputException.forFile(out, "is a folder; give a .png file name");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw BadInputException.forFile(out, "output must be a .png file");
        }
    }

    /**
     * Fails with one line naming the image when {@code bytes} would not fit in this Java heap,
     * rather than running out of memory half way.
     */
    static void checkMemory(Path image, String what, long bytes, String advice) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw BadInputException.forFile(image, what + " needs " + (bytes >> 20) + " MB, more than this Java heap ("
                    + (heap >> 20) + " MB) can hold; " + advice
                    + " or give Java more memory with FOCAL_JAVA_OPTS=-Xmx" + Math.max(4, (bytes * 3 >> 30) + 1) + "g");
        }
    }

    /**
     * Reads {@code request} from {@code source} and writes it as a PNG: small outputs at once, large
     * ones band by band of rows, so memory stays at one band whatever the output's size. The display
     * window of non-8-bit images comes from a downsampled overview, the same for every band.
     */
    static void writeRegion(ImageSource source, RegionRequest request, DisplayWindow asked, Path out) throws IOException {
        ImageMetadata m = source.metadata();
        int outW = request.outputWidth();
        int outH = request.outputHeight();
        if ((long) outW * outH <= BAND_PIXELS) {
            PixelBuffer pixels = source.read(request);
            writePng(Rendering.render(pixels, m, asked), out);
            return;
        }
        double overview = request.downsample() * Math.sqrt((double) outW * outH / (1 << 20));
        DisplayWindow window = Rendering.windowFor(source.read(request.atDownsample(overview)), m, asked);
        int bandRows = (int) Math.max(1, BAND_PIXELS / outW);
        double rowsPerOutRow = (double) request.height() / outH;
        write(out, outW, outH, m.channels() >= 3 ? 3 : 1, png -> {
            for (int o0 = 0; o0 < outH; o0 += bandRows) {
                int o1 = Math.min(outH, o0 + bandRows);
                int y0 = request.y() + (int) Math.floor(o0 * rowsPerOutRow);
                int y1 = o1 == outH ? request.y() + request.height() : request.y() + (int) Math.floor(o1 * rowsPerOutRow);
                RegionRequest band = new RegionRequest(request.x(), y0, request.width(), Math.max(1, y1 - y0),
                        request.downsample(), request.z(), request.t());
                // a non-integer downsample may round a band's height one row off: fit it
                PixelBuffer pixels = PixelBuffers.resize(source.read(band), outW, o1 - o0);
                Rendering.Display d = Rendering.renderWith(pixels, m, window);
                png.writeRows(d.pixels(), o1 - o0);
            }
        });
    }

    static void writePng(Rendering.Display display, Path out) throws IOException {
        write(out, display.width(), display.height(), display.channels(),
                png -> png.writeRows(display.pixels(), display.height()));
    }

    private interface Rows {
        void writeTo(PngStreamWriter png) throws IOException;
    }

    /** Writes next to the target and moves into place, so a failed run leaves no partial PNG. */
    private static void write(Path out, int width, int height, int channels, Rows rows) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        boolean done = false;
        try {
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    PngStreamWriter png = new PngStreamWriter(stream, width, height, channels)) {
                rows.writeTo(png);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
