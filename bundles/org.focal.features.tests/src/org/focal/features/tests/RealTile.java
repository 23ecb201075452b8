package org.focal.features.tests;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.Nucleus;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.NucleusSegmenter.TileSegmentation;
import org.focal.pathology.StainVectors;
import org.focal.pathology.TileAnalysis;
import org.focal.testing.Services;
import org.focal.testing.TestData;

/**
 * A 512 x 512 tile of a MoNuSeg image analysed as the slide pipeline does: a 600 x 600 region
 * (tile + 44 px margin) deconvolved with Ruifrok's vectors and segmented by the classical segmenter
 * service; the tile keeps the nuclei whose centroid lies in it.
 */
record RealTile(TileAnalysis tile, int regionX, int regionY) {

    static final double PX = 0.2527;
    static final int MARGIN = 44, CORE = 512, REGION = CORE + 2 * MARGIN;
    private static RealTile cached;

    static synchronized RealTile get() throws IOException {
        if (cached == null) {
            cached = load("pathology/monuseg/TCGA-2Z-A9J9-01A-01-TS1.tif", 300, 250);
        }
        return cached;
    }

    static RealTile load(String image, int rx, int ry) throws IOException {
        BufferedImage img = ImageIO.read(TestData.path(image).toFile());
        if (img == null) {
            throw new AssertionError("ImageIO cannot read " + image);
        }
        int[] argb = img.getRGB(rx, ry, REGION, REGION, null, 0, REGION);
        byte[] px = new byte[REGION * REGION * 3];
        for (int k = 0; k < argb.length; k++) {
            px[3 * k] = (byte) (argb[k] >> 16);
            px[3 * k + 1] = (byte) (argb[k] >> 8);
            px[3 * k + 2] = (byte) argb[k];
        }
        PixelBuffer rgb = new PixelBuffer(REGION, REGION, 3, PixelType.UINT8, px);
        NucleusSegmenter seg = Services.await(NucleusSegmenter.class, "(focal.segmenter=classical)");
        TileSegmentation s = seg.segment(rgb, 0, 0, PX, NucleusParameters.defaults().withStains(StainVectors.HE_RUIFROK));
        List<Nucleus> inCore = new ArrayList<>();
        for (Nucleus n : s.nuclei()) {
            if (n.centroidX() >= MARGIN && n.centroidX() < MARGIN + CORE && n.centroidY() >= MARGIN
                    && n.centroidY() < MARGIN + CORE) {
                inCore.add(n);
            }
        }
        TileAnalysis tile = new TileAnalysis(rgb, ColorDeconvolution.deconvolve(rgb, StainVectors.HE_RUIFROK), s.labels(),
                MARGIN, MARGIN, CORE, CORE, inCore, PX);
        return new RealTile(tile, rx, ry);
    }
}
