package org.focal.pathology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.ReaderRegistry;
import org.focal.core.image.RegionRequest;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.StainImages;
import org.focal.pathology.StainVectors;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.junit.jupiter.api.Test;

class ColorDeconvolutionTest {

    /** Pixels mixed from known amounts of the three stains (Beer-Lambert) come back as those amounts. */
    @Test
    void recoversKnownStainAmounts() {
        StainVectors v = StainVectors.HE_RUIFROK;
        double[][] amounts = {{0.8, 0.1, 0.0}, {0.2, 0.6, 0.0}, {0.0, 0.0, 0.0}, {0.5, 0.5, 0.05}};
        byte[] px = new byte[amounts.length * 3];
        for (int i = 0; i < amounts.length; i++) {
            for (int c = 0; c < 3; c++) {
                double od = amounts[i][0] * v.hematoxylin()[c] + amounts[i][1] * v.eosin()[c] + amounts[i][2] * v.residual()[c];
                px[3 * i + c] = (byte) Math.round(256 * Math.pow(10, -od) - 1);
            }
        }
        StainImages s = ColorDeconvolution.deconvolve(new PixelBuffer(amounts.length, 1, 3, PixelType.UINT8, px), v);
        for (int i = 0; i < amounts.length; i++) {
            assertEquals(amounts[i][0], s.hematoxylin()[i], 0.02, "hematoxylin of pixel " + i);
            assertEquals(amounts[i][1], s.eosin()[i], 0.02, "eosin of pixel " + i);
        }
    }

    @Test
    void macenkoEstimateOnMoNuSegIsNearTheStandardVectors() throws Exception {
        try (ImageSource src = Services.await(ReaderRegistry.class)
                .open(TestData.path("pathology/monuseg/TCGA-2Z-A9J9-01A-01-TS1.tif"))) {
            PixelBuffer rgb = src.read(RegionRequest.of(0, 0, 1000, 1000));
            StainVectors est = StainVectors.estimateMacenko(rgb);
            assertTrue(est.name().contains("Macenko"), est.toString());
            assertTrue(angle(est.hematoxylin(), StainVectors.HE_RUIFROK.hematoxylin()) < 25, est.toString());
            assertTrue(angle(est.eosin(), StainVectors.HE_RUIFROK.eosin()) < 25, est.toString());
            // nuclei are hematoxylin: the darkest-blue pixels carry far more H than the average pixel
            float[] h = ColorDeconvolution.hematoxylin(rgb, est);
            double mean = 0;
            for (float f : h) {
                mean += f;
            }
            mean /= h.length;
            assertTrue(mean > 0.05 && mean < 1.0, "mean hematoxylin " + mean);
        }
    }

    @Test
    void parsesVectorsAndRejectsNonsense() {
        StainVectors v = StainVectors.parse("0.65,0.70,0.29;0.07,0.99,0.11");
        assertEquals(1.0, Math.hypot(Math.hypot(v.residual()[0], v.residual()[1]), v.residual()[2]), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(org.focal.core.BadInputException.class, () -> StainVectors.parse("1,2"));
    }

    private static double angle(double[] a, double[] b) {
        return Math.toDegrees(Math.acos(Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])));
    }
}
