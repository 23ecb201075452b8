package org.focal.io.cli.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.focal.core.BadInputException;
import org.focal.io.Rendering;

/** What the image commands share: checking the output path and writing PNGs. */
final class Images {

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
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw BadInputException.forFile(out, "output must be a .png file");
        }
    }

    static void writePng(Rendering.Display display, Path out) throws IOException {
        BufferedImage image = new BufferedImage(display.width(), display.height(),
                display.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] src = display.pixels();
        if (display.channels() == 1) {
            System.arraycopy(src, 0, target, 0, src.length);
        } else {
            for (int i = 0; i < src.length; i += 3) { // RGB to the BGR layout of TYPE_3BYTE_BGR
                target[i] = src[i + 2];
                target[i + 1] = src[i + 1];
                target[i + 2] = src[i];
            }
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
