package org.focal.pathology.cli.internal;

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

import org.focal.pathology.Nucleus;
import org.locationtech.jts.geom.Coordinate;

/** Label image of nucleus outlines, rasterised at pixel centres, written as a Deflate TIFF with the JDK's writer. */
final class LabelImages {

    private LabelImages() {
    }

    /** Labels 1..n in list order over the region (x, y, w, h); pixels are inside when their centre is. */
    static int[] rasterise(List<Nucleus> nuclei, int x, int y, int w, int h) {
        int[] labels = new int[w * h];
        double[] crossings = new double[64];
        int label = 0;
        for (Nucleus n : nuclei) {
            label++;
            Coordinate[] ring = n.outline().getExteriorRing().getCoordinates();
            double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (Coordinate c : ring) {
                minY = Math.min(minY, c.y);
                maxY = Math.max(maxY, c.y);
            }
            int r0 = Math.max(y, (int) Math.floor(minY - 0.5));
            int r1 = Math.min(y + h - 1, (int) Math.ceil(maxY - 0.5));
            for (int row = r0; row <= r1; row++) {
                double cy = row + 0.5;
                int k = 0;
                for (int i = 0; i + 1 < ring.length; i++) {
                    Coordinate a = ring[i], b = ring[i + 1];
                    if ((a.y <= cy) != (b.y <= cy)) {
                        if (k == crossings.length) {
                            crossings = Arrays.copyOf(crossings, 2 * k);
                        }
                        crossings[k++] = a.x + (cy - a.y) * (b.x - a.x) / (b.y - a.y);
                    }
                }
                Arrays.sort(crossings, 0, k);
                for (int i = 0; i + 1 < k; i += 2) {
                    int c0 = Math.max(x, (int) Math.ceil(crossings[i] - 0.5));
                    int c1 = Math.min(x + w - 1, (int) Math.ceil(crossings[i + 1] - 0.5) - 1);
                    for (int col = c0; col <= c1; col++) {
                        labels[(row - y) * w + (col - x)] = label;
                    }
                }
            }
        }
        return labels;
    }

    static void write(List<Nucleus> nuclei, int x, int y, int w, int h, Path file) throws IOException {
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
