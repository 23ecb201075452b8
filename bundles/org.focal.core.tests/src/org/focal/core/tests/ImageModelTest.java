package org.focal.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReference;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelCalibration;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.ResolutionLevel;
import org.junit.jupiter.api.Test;

class ImageModelTest {

    private static ImageMetadata slide(List<ResolutionLevel> levels) {
        return new ImageMetadata("tiff", 40000, 30000, 1, 1, 3, PixelType.UINT8,
                new PixelCalibration(0.25, 0.25, 1, "um"), levels, 512, 512, List.of("label"), Map.of("AppMag", "40"));
    }

    @Test
    void levelForDownsamplePicksTheMostDetailedLevelNotFinerThanNeeded() {
        ImageMetadata m = slide(List.of(new ResolutionLevel(1, 40000, 30000), new ResolutionLevel(4.0003, 10000, 7500),
                new ResolutionLevel(16.001, 2500, 1875)));
        assertEquals(0, m.levelForDownsample(1));
        assertEquals(0, m.levelForDownsample(3.9));
        assertEquals(1, m.levelForDownsample(4));
        assertEquals(1, m.levelForDownsample(10));
        assertEquals(2, m.levelForDownsample(64));
    }

    @Test
    void metadataRejectsInconsistentLevels() {
        assertThrows(IllegalArgumentException.class, () -> slide(List.of(new ResolutionLevel(1, 100, 100))));
        assertThrows(IllegalArgumentException.class, () -> slide(List.of()));
        assertThrows(IllegalArgumentException.class, () -> slide(List.of(new ResolutionLevel(1, 40000, 30000),
                new ResolutionLevel(4, 10000, 7500), new ResolutionLevel(2, 20000, 15000))));
        assertThrows(IllegalArgumentException.class, () -> new ResolutionLevel(0.5, 10, 10));
    }

    @Test
    void metadataIsImmutable() {
        ImageMetadata m = slide(List.of(new ResolutionLevel(1, 40000, 30000)));
        assertThrows(UnsupportedOperationException.class, () -> m.levels().add(new ResolutionLevel(2, 1, 1)));
        assertThrows(UnsupportedOperationException.class, () -> m.properties().put("x", "y"));
    }

    @Test
    void regionRequestOutputSizeFollowsTheDownsample() {
        RegionRequest r = RegionRequest.of(100, 200, 1000, 512).atDownsample(4);
        assertEquals(250, r.outputWidth());
        assertEquals(128, r.outputHeight());
        assertEquals(1, RegionRequest.of(0, 0, 3, 3).atDownsample(100).outputWidth());
        assertTrue(r.isInside(1100, 712));
        assertFalse(r.isInside(1099, 712));
        assertFalse(RegionRequest.of(-1, 0, 10, 10).isInside(100, 100));
    }

    @Test
    void regionRequestRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RegionRequest.of(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> RegionRequest.of(0, 0, 10, 10).atDownsample(0));
        assertThrows(IllegalArgumentException.class, () -> RegionRequest.of(0, 0, 10, 10).atDownsample(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RegionRequest.of(0, 0, 10, 10).atPlane(-1, 0));
    }

    @Test
    void pixelBufferReadsUnsignedSamples() {
        PixelBuffer b = new PixelBuffer(2, 1, 3, PixelType.UINT8, new byte[] {(byte) 255, 0, 1, 2, 3, (byte) 128});
        assertEquals(255, b.get(0, 0, 0));
        assertEquals(128, b.get(1, 0, 2));
        PixelBuffer s = new PixelBuffer(1, 1, 1, PixelType.UINT16, new short[] {(short) 65535});
        assertEquals(65535, s.get(0, 0, 0));
        PixelBuffer signed = new PixelBuffer(1, 1, 1, PixelType.INT16, new short[] {-1024});
        assertEquals(-1024, signed.get(0, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(2, 0, 0));
    }

    @Test
    void pixelBufferChecksArrayTypeAndLength() {
        assertThrows(IllegalArgumentException.class, () -> new PixelBuffer(2, 2, 1, PixelType.UINT8, new short[4]));
        assertThrows(IllegalArgumentException.class, () -> new PixelBuffer(2, 2, 1, PixelType.FLOAT32, new float[3]));
        assertEquals(12, ((float[]) PixelBuffer.allocate(2, 2, 3, PixelType.FLOAT32).data()).length);
    }

    @Test
    void calibrationAndReference() {
        assertFalse(PixelCalibration.UNCALIBRATED.isCalibrated());
        assertTrue(new PixelCalibration(0.977, 0.977, 2.0, "mm").isCalibrated());
        assertThrows(IllegalArgumentException.class, () -> new PixelCalibration(0, 1, 1, "mm"));
        ImageReference ref = new ImageReference(URI.create("file:/data/ct/"), "dicom", Map.of("series", "1.2.3"));
        assertEquals(ref, new ImageReference(URI.create("file:/data/ct/"), "dicom", Map.of("series", "1.2.3")));
    }

    /** Issue 17 (5): a size past Java's largest array was an ArithmeticException with a stack trace. */
    @Test
    void tooLargeBufferIsRefusedWithItsSizeBeforeAllocating() {
        org.focal.core.BadInputException e = assertThrows(org.focal.core.BadInputException.class,
                () -> PixelBuffer.allocate(30000, 30000, 3, PixelType.UINT8));
        assertTrue(e.getMessage().startsWith("30000 x 30000 pixels x 3 channels (2.5 GB)"), e.getMessage());
        assertThrows(org.focal.core.BadInputException.class, () -> PixelBuffer.allocate(65500, 65500, 1, PixelType.UINT8));
        assertThrows(org.focal.core.BadInputException.class,
                () -> PixelBuffer.allocate(Integer.MAX_VALUE, Integer.MAX_VALUE, 3, PixelType.UINT8));
        assertEquals(3L * 30000 * 30000, PixelBuffer.samples(30000, 30000, 3));
    }
}
