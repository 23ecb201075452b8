package org.focal.pathology;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.focal.core.geometry.Rasterizer;

/**
 * The label image of nuclei (pixel value = 1-based position in the list, 0 = background), rasterised
 * by the shared {@link Rasterizer}, written as a Deflate TIFF with the JDK's writer (16-bit, or 32-bit
 * past 65535 nuclei).
 */
public final class NucleusLabelImage {

    private NucleusLabelImage() {
    }

    /** Labels 1..n in list order over the region (x, y, w, h), row-major; later nuclei win where outlines overlap. */
    public static int[] rasterise(List<Nucleus> nuclei, int x, int y, int w, int h) {
        int[] labels = new int[Math.multiplyExact(w, h)];
        int label = 0;
        for (Nucleus n : nuclei) {
            int value = ++label;
            Rasterizer.spans(n.outline(), x, y, w, h,
                    (row, from, to) -> Arrays.fill(labels, (row - y) * w + (from - x), (row - y) * w + (to - x), value));
        }
        return labels;
    }

    /** Writes the label image of the region to {@code file} (through a temporary file, so a crash leaves no half file). */
    public static void write(List<Nucleus> nuclei, int x, int y, int w, int h, Path file) throws IOException {
        int[] labels = rasterise(nuclei, x, y, w, h);
        BufferedImage image;
        if (nuclei.size() <= 0xFFFF) {
            image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
            short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < labels.length; i++) {
                data[i] = (short) labels[i];
            }
        } else {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {32}, false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_INT);
            WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
            System.arraycopy(labels, 0, ((DataBufferInt) raster.getDataBuffer()).getData(), 0, labels.length);
            image = new BufferedImage(cm, raster, false, null);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        if (!writers.hasNext()) {
            throw new IOException("no TIFF writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(tmp.toFile())) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
