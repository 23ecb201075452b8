package org.focal.features.tests;

import java.util.ArrayList;
import java.util.List;

import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.pathology.Nucleus;
import org.focal.pathology.StainImages;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.testing.Services;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** Synthetic analysed tiles for the feature tests. */
final class Tiles {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private Tiles() {
    }

    static TileFeatureExtractor extractor(String group) {
        return Services.await(TileFeatureExtractor.class, "(focal.features=" + group + ")");
    }

    /** A tile without margin whose stain images are the given ones (residual 0) and whose RGB is white. */
    static TileAnalysis of(int w, int h, float[] hema, float[] eosin, int[] labels, List<Nucleus> nuclei, double pixelSizeUm) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) 255);
        return new TileAnalysis(new PixelBuffer(w, h, 3, PixelType.UINT8, rgb),
                new StainImages(w, h, hema, eosin, new float[w * h]), labels, 0, 0, w, h, nuclei, pixelSizeUm);
    }

    /** Nuclei at the given centroids (region pixels), without pixels in any label image. */
    static List<Nucleus> points(double[][] centroids) {
        List<Nucleus> nuclei = new ArrayList<>();
        for (double[] c : centroids) {
            nuclei.add(new Nucleus(box(c[0] - 1, c[1] - 1, 2, 2), 0, 4, c[0], c[1], 0));
        }
        return nuclei;
    }

    /** A nucleus with label {@code label} made of the pixels of {@code labels} that have it. */
    static Nucleus nucleus(int[] labels, int w, int label) {
        int n = 0;
        double sx = 0, sy = 0;
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                int x = i % w, y = i / w;
                n++;
                sx += x;
                sy += y;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return new Nucleus(box(minX, minY, maxX - minX + 1, maxY - minY + 1), label, n, sx / n + 0.5, sy / n + 0.5, 0);
    }

    static Polygon box(double x, double y, double w, double h) {
        return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + w, y),
            new Coordinate(x + w, y + h), new Coordinate(x, y + h), new Coordinate(x, y)});
    }

    /** Value of a named feature. */
    static double value(TileFeatureExtractor f, double[] values, String name) {
        int i = f.featureNames().indexOf(name);
        if (i < 0) {
            throw new AssertionError("no feature " + name + " in " + f.featureNames());
        }
        return values[i];
    }
}
