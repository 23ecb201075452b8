package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoded pixels against dcmtk's decoding and against lossless copies of the same images. */
class DicomPixelTest {

    static final String CT_SLICE = DicomMetadataTest.CT_RAW + "/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016590.dcm";
    static final String CT3_SLICE = DicomMetadataTest.CT3 + "/01.dcm";

    static PixelBuffer whole(ImageSource src, int z) throws Exception {
        ImageMetadata m = src.metadata();
        return src.read(new RegionRequest(0, 0, m.width(), m.height(), 1, z, 0));
    }

    @Test
    void jpeg2000LosslessSeriesEqualsItsUncompressedCopySliceBySlice() throws Exception {
        long decodeNanos = 0;
        try (ImageSource j2k = Dcm.reader().open(Dcm.data(DicomMetadataTest.CT_J2K), Map.of());
                ImageSource raw = Dcm.reader().open(Dcm.data(DicomMetadataTest.CT_RAW), Map.of())) {
            assertEquals("JPEG 2000", j2k.metadata().properties().get(ImageProperties.COMPRESSION));
            assertEquals(raw.metadata().sizeZ(), j2k.metadata().sizeZ());
            assertEquals(raw.metadata().geometry(), j2k.metadata().geometry());
            assertEquals(PixelType.UINT16, j2k.metadata().pixelType());
            for (int z = 0; z < j2k.metadata().sizeZ(); z++) {
                long t0 = System.nanoTime();
                PixelBuffer a = whole(j2k, z);
                decodeNanos += System.nanoTime() - t0;
                PixelBuffer b = whole(raw, z);
                assertArrayEquals((short[]) b.data(), (short[]) a.data(), "slice " + z);
            }
            System.out.printf("JPEG 2000 lossless CT 512x512: %.1f ms per slice (20 slices, incl. warm-up)%n",
                    decodeNanos / 1e6 / j2k.metadata().sizeZ());
        }
    }

    @Test
    void uncompressedCtRegionEqualsDcmtkPixelData(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        for (String file : List.of(CT_SLICE, CT3_SLICE)) {
            Path path = Dcm.data(file);
            short[] reference = Dcm.littleEndianShorts(Dcm.rawPixelData(path, tmp));
            try (ImageSource src = Dcm.reader().open(path, Map.of())) {
                ImageMetadata m = src.metadata();
                assertEquals(m.width() * m.height(), reference.length);
                int x0 = 100, y0 = 150, w = 300, h = 200;
                PixelBuffer region = src.read(RegionRequest.of(x0, y0, w, h));
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        short expected = reference[(y0 + y) * m.width() + x0 + x];
                        double want = m.pixelType() == PixelType.INT16 ? expected : expected & 0xFFFF;
                        assertEquals(want, region.get(x, y, 0), file + " at " + (x0 + x) + "," + (y0 + y));
                    }
                }
            }
        }
    }

    @Test
    void signedCtKeepsNegativeStoredValues() throws Exception {
        try (ImageSource src = Dcm.reader().open(Dcm.data(CT3_SLICE), Map.of())) {
            assertEquals(PixelType.INT16, src.metadata().pixelType());
            short[] s = (short[]) whole(src, 0).data();
            int min = Integer.MAX_VALUE;
            for (short v : s) {
                min = Math.min(min, v);
            }
            assertEquals(-2000, min, "PixelPaddingValue -2000 is a stored value of this signed CT");
        }
    }

    @Test
    void lossyJpeg2000CrMatchesTheDecodedCopyWithinOneLevel() throws Exception {
        Dcm.assumeDcmtk();
        Path lossy = Dcm.data("radiology/xray-chest-cr-nema/RG1_J2KI.dcm");
        assertEquals("1.2.840.10008.1.2.4.91", Dcm.dump(lossy).get("TransferSyntaxUID").value(), "irreversible JPEG 2000");
        try (ImageSource a = Dcm.reader().open(lossy, Map.of());
                ImageSource b = Dcm.reader().open(Dcm.data("radiology/xray-chest-cr-nema/RG1_J2KI_decompressed_explicitLE.dcm"),
                        Map.of())) {
            short[] x = (short[]) whole(a, 0).data();
            short[] y = (short[]) whole(b, 0).data();
            assertEquals(y.length, x.length);
            int max = 0;
            long differing = 0;
            for (int i = 0; i < x.length; i++) {
                int d = Math.abs((x[i] & 0xFFFF) - (y[i] & 0xFFFF));
                max = Math.max(max, d);
                differing += d == 0 ? 0 : 1;
            }
            // the copy was decoded by another JPEG 2000 decoder (gdcm/OpenJPEG); the 9/7 wavelet's
            // fixed-point rounding differs by one level on a few percent of the pixels
            System.out.printf("RG1 lossy JPEG 2000 vs decoded copy: max |diff| %d, %.2f%% of pixels differ%n", max,
                    100.0 * differing / x.length);
            assertTrue(max <= 1, "max difference " + max);
            assertTrue(differing < x.length / 20, differing + " pixels differ");
        }
    }

    @Test
    void jpegBaselineCrMatchesDcmtkWithinTwoLevels(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        Path path = Dcm.data("radiology/xray-chest-samples/dicom/1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm");
        Path decoded = tmp.resolve("cr.dcm");
        Dcm.run("dcmdjpeg", path.toString(), decoded.toString());
        byte[] reference = Dcm.rawPixelData(decoded, tmp);
        try (ImageSource src = Dcm.reader().open(path, Map.of())) {
            byte[] ours = (byte[]) whole(src, 0).data();
            assertEquals(reference.length, ours.length);
            int max = 0;
            for (int i = 0; i < ours.length; i++) {
                max = Math.max(max, Math.abs((ours[i] & 0xFF) - (reference[i] & 0xFF)));
            }
            assertTrue(max <= 2, "JPEG baseline differs from dcmtk by " + max);
        }
    }

    @Test
    void wholeSlideTilesMatchDcmtkWithColourConversion(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        Path path = Dcm.data(DicomMetadataTest.WSI);
        Path decoded = tmp.resolve("wsi.dcm");
        // +cg: convert YCbCr to RGB as libjpeg guesses it from the JPEG stream (JFIF)
        Dcm.run("dcmdjpeg", "+cg", path.toString(), decoded.toString());
        byte[] reference = Dcm.rawPixelData(decoded, tmp);
        try (ImageSource src = Dcm.reader().open(path, Map.of())) {
            ImageMetadata m = src.metadata();
            int tw = m.tileWidth();
            int th = m.tileHeight();
            int across = (m.width() + tw - 1) / tw;
            for (int frame : new int[] {0, 10, 41}) {
                int tx = frame % across;
                int ty = frame / across;
                int w = Math.min(tw, m.width() - tx * tw);
                int h = Math.min(th, m.height() - ty * th);
                PixelBuffer tile = src.read(RegionRequest.of(tx * tw, ty * th, w, h));
                int max = 0;
                double sum = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int c = 0; c < 3; c++) {
                            int ref = reference[frame * tw * th * 3 + (y * tw + x) * 3 + c] & 0xFF;
                            int d = (int) Math.abs(tile.get(x, y, c) - ref);
                            max = Math.max(max, d);
                            sum += d;
                        }
                    }
                }
                assertTrue(max <= 3, "frame " + frame + ": max difference " + max);
                assertTrue(sum / (w * h * 3) < 0.5, "frame " + frame + ": mean difference " + sum / (w * h * 3));
            }
        }
    }

    @Test
    void dcmtkTranscodedCopiesDecodeToTheOriginalStoredValues(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        for (String file : List.of(CT_SLICE, CT3_SLICE)) {
            Path original = Dcm.data(file);
            short[] expected = Dcm.littleEndianShorts(Dcm.rawPixelData(original, tmp));
            String[][] conversions = {
                    {"dcmcrle", "1.2.840.10008.1.2.5", "RLE"},
                    {"dcmcjpeg +el", "1.2.840.10008.1.2.4.57", "JPEG lossless"},
                    {"dcmcjpeg +e1", "1.2.840.10008.1.2.4.70", "JPEG lossless"},
                    {"dcmconv +td", "1.2.840.10008.1.2.1.99", "deflate"},
                    {"dcmconv +tb", "1.2.840.10008.1.2.2", "none"},
                    {"dcmconv +ti", "1.2.840.10008.1.2", "none"}};
            for (String[] c : conversions) {
                Path copy = tmp.resolve(c[0].replace(' ', '_').replace("+", "") + "-" + original.getFileName());
                String[] tool = c[0].split(" ");
                String[] cmd = new String[tool.length + 2];
                System.arraycopy(tool, 0, cmd, 0, tool.length);
                cmd[tool.length] = original.toString();
                cmd[tool.length + 1] = copy.toString();
                Dcm.run(cmd);
                assertEquals(c[1], Dcm.dump(copy).get("TransferSyntaxUID").value(), c[0]);
                try (ImageSource src = Dcm.reader().open(copy, Map.of())) {
                    assertEquals(c[2], src.metadata().properties().get(ImageProperties.COMPRESSION), c[0]);
                    assertArrayEquals(expected, (short[]) whole(src, 0).data(), c[0] + " of " + file);
                }
            }
        }
    }

    @Test
    void fragmentsSpanningFramesAreJoinedByOffsetTableOrEndOfImage(@TempDir Path tmp) throws Exception {
        Path wsi = Dcm.data(DicomMetadataTest.WSI);
        byte[] file = Files.readAllBytes(wsi);
        Path withTable = tmp.resolve("split-bot.dcm");
        Path withoutTable = tmp.resolve("split-nobot.dcm");
        Files.write(withTable, Encapsulated.splitFragments(file, true));
        Files.write(withoutTable, Encapsulated.splitFragments(file, false));
        try (ImageSource original = Dcm.reader().open(wsi, Map.of());
                ImageSource a = Dcm.reader().open(withTable, Map.of());
                ImageSource b = Dcm.reader().open(withoutTable, Map.of())) {
            ImageMetadata m = original.metadata();
            for (int ty = 0; ty * m.tileHeight() < m.height(); ty += 2) {
                for (int tx = 0; tx * m.tileWidth() < m.width(); tx += 3) {
                    RegionRequest r = RegionRequest.of(tx * m.tileWidth(), ty * m.tileHeight(),
                            Math.min(m.tileWidth(), m.width() - tx * m.tileWidth()),
                            Math.min(m.tileHeight(), m.height() - ty * m.tileHeight()));
                    byte[] expected = (byte[]) original.read(r).data();
                    assertArrayEquals(expected, (byte[]) a.read(r).data(), "basic offset table, tile " + tx + "," + ty);
                    assertArrayEquals(expected, (byte[]) b.read(r).data(), "EOI scanning, tile " + tx + "," + ty);
                }
            }
        }
    }

    @Test
    void slideFilesInAFolderBecomePyramidLevelsAndAssociatedImages(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        Path wsi = Dcm.data(DicomMetadataTest.WSI);
        Path folder = Files.createDirectory(tmp.resolve("slide"));
        Files.copy(wsi, folder.resolve("level0.dcm"));
        // a second level of half the size (TILED_FULL: its first 4 x 3 frames are its tiles) and a label
        Path level1 = folder.resolve("level1.dcm");
        Files.copy(wsi, level1);
        Dcm.run("dcmodify", "-nb", "-m", "(0048,0006)=1618", "-m", "(0048,0007)=1319", "-i",
                "(0008,0008)=DERIVED\\PRIMARY\\VOLUME\\RESAMPLED", "-m", "(0008,0018)=1.2.826.0.1.3680043.10.1", level1.toString());
        Path label = folder.resolve("label.dcm");
        Files.copy(wsi, label);
        Dcm.run("dcmodify", "-nb", "-i", "(0008,0008)=ORIGINAL\\PRIMARY\\LABEL\\NONE", "-m",
                "(0008,0018)=1.2.826.0.1.3680043.10.2", label.toString());
        try (ImageSource pyramid = Dcm.reader().open(folder, Map.of());
                ImageSource single = Dcm.reader().open(wsi, Map.of())) {
            ImageMetadata m = pyramid.metadata();
            assertEquals(3236, m.width());
            assertEquals(2, m.levels().size());
            assertEquals(2.0, m.levels().get(1).downsample(), 1e-9);
            assertEquals(1618, m.levels().get(1).width());
            assertEquals(List.of("label"), m.associatedImages());
            // level 1 tile (0,0) is frame 1 of level1.dcm, the same JPEG as the level 0 tile (0,0)
            PixelBuffer fromLevel1 = pyramid.read(new RegionRequest(0, 0, 1000, 1000, 2.0, 0, 0));
            PixelBuffer tile0 = single.read(RegionRequest.of(0, 0, 500, 500));
            assertEquals(500, fromLevel1.width());
            assertArrayEquals((byte[]) tile0.data(), (byte[]) fromLevel1.data());
            PixelBuffer labelImage = pyramid.associatedImage("label").orElseThrow();
            assertArrayEquals((byte[]) tile0.data(), (byte[]) labelImage.data());
        }
    }

    @Test
    void volumeSlicesAlongXAndYComeFromTheAxialPlanes() throws Exception {
        try (ImageSource src = Dcm.reader().open(Dcm.data(DicomMetadataTest.CT_RAW), Map.of())) {
            ImageMetadata m = src.metadata();
            Volume v = new Volume(src);
            int column = 217;
            int row = 301;
            PixelBuffer sagittal = v.slice(Volume.Axis.X, column);
            PixelBuffer coronal = v.slice(Volume.Axis.Y, row);
            assertEquals(m.height(), sagittal.width());
            assertEquals(m.sizeZ(), sagittal.height());
            assertEquals(m.width(), coronal.width());
            assertEquals(m.sizeZ(), coronal.height());
            for (int z = 0; z < m.sizeZ(); z++) {
                PixelBuffer axial = whole(src, z);
                for (int y = 0; y < m.height(); y++) {
                    assertEquals(axial.get(column, y, 0), sagittal.get(y, z, 0), "x slice at y=" + y + ", z=" + z);
                }
                for (int x = 0; x < m.width(); x++) {
                    assertEquals(axial.get(x, row, 0), coronal.get(x, z, 0), "y slice at x=" + x + ", z=" + z);
                }
            }
            assertArrayEquals(new double[] {m.calibration().y(), m.calibration().z()}, v.pixelSize(Volume.Axis.X));
        }
    }
}
