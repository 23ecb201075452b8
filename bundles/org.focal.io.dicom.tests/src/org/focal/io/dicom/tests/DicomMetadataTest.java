package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageSource;
import org.focal.core.image.SupportLevel;
import org.focal.io.dicom.tests.Dcm.Attr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Metadata of every DICOM file and series of the shared data, checked against dcmdump. */
class DicomMetadataTest {

    static final String CT_J2K = "radiology/ct-abdomen-series/dicom_j2k_lossless";
    static final String CT_RAW = "radiology/ct-abdomen-series/dicom_uncompressed";
    static final String MR = "radiology/mr-brain-series/HFS_3_t1_fl2d_sag";
    static final String CT3 = "radiology/ct-3slice-liver-seg/ct-3slice";
    static final String WSI = "pathology/wsi/tcga-xk-aaju-small-dicom-wsi.dcm";

    @ParameterizedTest
    @ValueSource(strings = {CT_J2K, CT_RAW, MR, CT3})
    void seriesFolderMatchesDcmdump(String folder) throws Exception {
        Dcm.assumeDcmtk();
        Path dir = Dcm.data(folder);
        List<Path> files = Dcm.dicomFiles(dir);
        assertEquals(SupportLevel.SPECIFIC, Dcm.reader().support(dir));
        try (ImageSource src = Dcm.reader().open(dir, Map.of())) {
            ImageMetadata m = src.metadata();
            assertEquals(files.size(), m.sizeZ(), "one plane per file");
            double[][] positions = new double[files.size()][];
            double[] normal = null;
            for (int i = 0; i < files.size(); i++) {
                Map<String, Attr> d = Dcm.dump(files.get(i));
                assertEquals(Integer.parseInt(d.get("Rows").value()), m.height(), files.get(i).toString());
                assertEquals(Integer.parseInt(d.get("Columns").value()), m.width(), files.get(i).toString());
                if (i == 0) {
                    checkCommon(d, m);
                    double[] iop = numbers(d.get("ImageOrientationPatient"));
                    normal = new double[] {iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
                            iop[0] * iop[4] - iop[1] * iop[3]};
                    double[] dir0 = m.geometry().direction();
                    for (int k = 0; k < 6; k++) {
                        assertEquals(iop[k], dir0[k], 1e-9, "row/column directions from ImageOrientationPatient");
                    }
                }
                positions[i] = numbers(d.get("ImagePositionPatient"));
            }
            // reference spacing: median step of the dcmdump positions projected on the slice normal
            double[] proj = new double[positions.length];
            for (int i = 0; i < proj.length; i++) {
                proj[i] = normal[0] * positions[i][0] + normal[1] * positions[i][1] + normal[2] * positions[i][2];
            }
            double[] sorted = proj.clone();
            Arrays.sort(sorted);
            double[] steps = new double[sorted.length - 1];
            for (int i = 0; i + 1 < sorted.length; i++) {
                steps[i] = sorted[i + 1] - sorted[i];
            }
            Arrays.sort(steps);
            double median = steps.length % 2 == 1 ? steps[steps.length / 2]
                    : (steps[steps.length / 2 - 1] + steps[steps.length / 2]) / 2;
            assertEquals(median, m.calibration().z(), 1e-6, "z spacing = median step between slice positions");
            assertEquals("mm", m.calibration().unit());
            // origin: the position of the first slice along the normal
            double[] origin = m.geometry().origin();
            int firstIndex = 0;
            for (int i = 0; i < proj.length; i++) {
                if (proj[i] < proj[firstIndex]) {
                    firstIndex = i;
                }
            }
            assertArrayEquals(positions[firstIndex], origin, 1e-6);
        }
    }

    @Test
    void ctAbdomenIs512x512x20WithTwoMillimetreStepsNotTheSliceThickness() throws Exception {
        Dcm.assumeDcmtk();
        for (String folder : List.of(CT_RAW, CT_J2K)) {
            Path dir = Dcm.data(folder);
            Map<String, Attr> d = Dcm.dump(Dcm.dicomFiles(dir).get(0));
            try (ImageSource src = Dcm.reader().open(dir, Map.of())) {
                ImageMetadata m = src.metadata();
                assertEquals(512, m.width());
                assertEquals(512, m.height());
                assertEquals(20, m.sizeZ());
                assertEquals(0.9765625, m.calibration().x(), 1e-12);
                assertEquals(0.9765625, m.calibration().y(), 1e-12);
                assertEquals(2.0, m.calibration().z(), 1e-9);
                assertEquals(3.0, d.get("SliceThickness").number(0), "dcmdump: SliceThickness 3 mm");
                assertNotEquals(d.get("SliceThickness").number(0), m.calibration().z());
                assertEquals("CT", m.properties().get(ImageProperties.MODALITY));
                assertEquals("-1024", m.properties().get(ImageProperties.RESCALE_INTERCEPT));
                double[] z = m.geometry().direction();
                assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(z, 6, 9), 1e-12);
            }
        }
    }

    @Test
    void mrBrainIs256x256x35WithFourPointEightMillimetreSteps() throws Exception {
        Dcm.assumeDcmtk();
        Path dir = Dcm.data(MR);
        Map<String, Attr> d = Dcm.dump(Dcm.dicomFiles(dir).get(0));
        try (ImageSource src = Dcm.reader().open(dir, Map.of())) {
            ImageMetadata m = src.metadata();
            assertEquals(256, m.width());
            assertEquals(256, m.height());
            assertEquals(35, m.sizeZ());
            assertEquals(4.8, m.calibration().z(), 1e-3);
            assertEquals(d.get("SpacingBetweenSlices").number(0), m.calibration().z(), 1e-3);
            assertEquals(d.get("PixelSpacing").number(0), m.calibration().y(), 1e-12);
            // sagittal: the slice normal is the patient x axis
            double[] dir3 = m.geometry().direction();
            assertEquals(1.0, Math.abs(dir3[6]), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"radiology/xray-chest-cr-nema/RG1_J2KI.dcm", "radiology/xray-chest-cr-nema/RG1_J2KI_decompressed_explicitLE.dcm",
            "radiology/xray-chest-samples/dicom/1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm",
            "radiology/ct-3slice-liver-seg/ct-3slice/01.dcm", "radiology/ct-3slice-liver-seg/seg_dicom/liver.dcm",
            "radiology/ct-3slice-liver-seg/seg_dicom/partial_overlaps.dcm",
            "radiology/ct-abdomen-series/dicom_j2k_lossless/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016590.dcm",
            "radiology/mr-brain-series/HFS_3_t1_fl2d_sag/0001_1.3.12.2.1107.5.2.43.67060.2022040715053454597060816.dcm"})
    void singleFileMatchesDcmdump(String file) throws Exception {
        Dcm.assumeDcmtk();
        Path path = Dcm.data(file);
        assertEquals(SupportLevel.SPECIFIC, Dcm.reader().support(path));
        List<Attr> all = Dcm.dumpAll(path);
        Map<String, Attr> d = Dcm.dump(path);
        try (ImageSource src = Dcm.reader().open(path, Map.of())) {
            ImageMetadata m = src.metadata();
            assertEquals(Integer.parseInt(d.get("Rows").value()), m.height());
            assertEquals(Integer.parseInt(d.get("Columns").value()), m.width());
            int frames = d.containsKey("NumberOfFrames") ? Integer.parseInt(d.get("NumberOfFrames").value()) : 1;
            assertEquals(frames, m.sizeZ(), "frames become planes");
            assertEquals(Integer.parseInt(d.get("SamplesPerPixel").value()), m.channels());
            checkCommon(d, m);
            // pixel spacing: top level, else the functional groups (first occurrence anywhere)
            Attr spacing = d.get("PixelSpacing");
            if (spacing == null) {
                spacing = all.stream().filter(a -> a.keyword().equals("PixelSpacing")).findFirst().orElse(null);
            }
            if (spacing != null && spacing.number(0) > 0) {
                assertEquals(spacing.number(0), m.calibration().y(), 1e-9);
                assertEquals(spacing.number(1), m.calibration().x(), 1e-9);
                assertEquals("mm", m.calibration().unit());
            } else {
                assertFalse(m.calibration().isCalibrated(), "no (or zero) PixelSpacing: uncalibrated");
            }
            String bits = d.get("BitsAllocated").value();
            String signed = d.get("PixelRepresentation").value();
            String expectedType = switch (bits) {
                case "1", "8" -> signed.equals("1") && bits.equals("8") ? "INT8" : "UINT8";
                case "16" -> signed.equals("1") ? "INT16" : "UINT16";
                default -> "?";
            };
            assertEquals(expectedType, m.pixelType().name());
        }
    }

    @Test
    void wholeSlideMatchesDcmdump() throws Exception {
        Dcm.assumeDcmtk();
        Path path = Dcm.data(WSI);
        Map<String, Attr> d = Dcm.dump(path);
        assertEquals("1.2.840.10008.5.1.4.1.1.77.1.6", d.get("SOPClassUID").value());
        try (ImageSource src = Dcm.reader().open(path, Map.of())) {
            ImageMetadata m = src.metadata();
            int width = Integer.parseInt(d.get("TotalPixelMatrixColumns").value());
            int height = Integer.parseInt(d.get("TotalPixelMatrixRows").value());
            assertEquals(3236, width);
            assertEquals(2638, height);
            assertEquals(width, m.width());
            assertEquals(height, m.height());
            assertEquals(1, m.sizeZ());
            assertEquals(3, m.channels());
            int tw = Integer.parseInt(d.get("Columns").value());
            int th = Integer.parseInt(d.get("Rows").value());
            assertEquals(tw, m.tileWidth());
            assertEquals(th, m.tileHeight());
            int frames = Integer.parseInt(d.get("NumberOfFrames").value());
            assertEquals(42, frames);
            assertEquals(frames, ((width + tw - 1) / tw) * ((height + th - 1) / th), "TILED_FULL grid");
            checkCommon(d, m);
            // no PixelSpacing: microns per pixel from the imaged volume (mm) over the matrix size
            assertEquals("um", m.calibration().unit());
            assertEquals(d.get("ImagedVolumeWidth").number(0) * 1000 / width, m.calibration().x(), 1e-6);
            assertEquals(d.get("ImagedVolumeHeight").number(0) * 1000 / height, m.calibration().y(), 1e-6);
            assertEquals("JPEG", m.properties().get(ImageProperties.COMPRESSION));
            assertEquals("RGB", m.properties().get(ImageProperties.PHOTOMETRIC));
        }
    }

    @Test
    void folderWithSeveralSeriesPicksTheLargestAndHonoursTheSeriesOption(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        Path mixed = Files.createDirectory(tmp.resolve("mixed"));
        for (Path p : Dcm.dicomFiles(Dcm.data(CT3))) {
            Files.copy(p, mixed.resolve("ct-" + p.getFileName()));
        }
        Path seg = Dcm.data("radiology/ct-3slice-liver-seg/seg_dicom/liver.dcm");
        Files.copy(seg, mixed.resolve("seg.dcm"));
        Files.writeString(mixed.resolve("notes.txt"), "not a DICOM file");
        String ctSeries = Dcm.dump(Dcm.dicomFiles(Dcm.data(CT3)).get(0)).get("SeriesInstanceUID").value();
        String segSeries = Dcm.dump(seg).get("SeriesInstanceUID").value();
        assertEquals(SupportLevel.SPECIFIC, Dcm.reader().support(mixed));
        try (ImageSource src = Dcm.reader().open(mixed, Map.of())) {
            assertEquals(ctSeries, src.metadata().properties().get(ImageProperties.SERIES_INSTANCE_UID));
            assertEquals(3, src.metadata().sizeZ());
            assertTrue(src.metadata().properties().get("dicom.otherSeries").contains(segSeries));
            assertEquals(ctSeries, src.reference().options().get("series"));
        }
        try (ImageSource src = Dcm.reader().open(mixed, Map.of("series", segSeries))) {
            assertEquals("SEG", src.metadata().properties().get(ImageProperties.MODALITY));
            assertEquals(segSeries, src.metadata().properties().get(ImageProperties.SERIES_INSTANCE_UID));
        }
    }

    @Test
    void supportIsCheapAndNeverThrows(@TempDir Path tmp) throws Exception {
        assertEquals(SupportLevel.NONE, Dcm.reader().support(tmp.resolve("missing.dcm")));
        assertEquals(SupportLevel.NONE, Dcm.reader().support(tmp));
        Path text = Files.writeString(tmp.resolve("a.dcm"), "hello");
        assertEquals(SupportLevel.NONE, Dcm.reader().support(text));
        // no preamble: a data set starting with a group 0008 element (implicit VR)
        byte[] full = Files.readAllBytes(Dcm.data(CT3).resolve("01.dcm"));
        int start = BadInputTest.indexOf(full, new byte[] {8, 0, 5, 0}, 132);
        Path bare = tmp.resolve("bare.dcm");
        Files.write(bare, Arrays.copyOfRange(full, start, full.length));
        assertEquals(SupportLevel.FULL, Dcm.reader().support(bare));
        try (ImageSource src = Dcm.reader().open(bare, Map.of())) {
            assertEquals(512, src.metadata().width());
        }
    }

    private static void checkCommon(Map<String, Attr> d, ImageMetadata m) {
        Map<String, String> p = m.properties();
        assertEquals(value(d, "Modality"), p.get(ImageProperties.MODALITY));
        assertEquals(value(d, "SeriesInstanceUID"), p.get(ImageProperties.SERIES_INSTANCE_UID));
        compareNumber(d, "RescaleSlope", p.get(ImageProperties.RESCALE_SLOPE));
        compareNumber(d, "RescaleIntercept", p.get(ImageProperties.RESCALE_INTERCEPT));
        compareNumber(d, "WindowCenter", p.get(ImageProperties.WINDOW_CENTER));
        compareNumber(d, "WindowWidth", p.get(ImageProperties.WINDOW_WIDTH));
        String pi = value(d, "PhotometricInterpretation");
        if (pi != null && pi.startsWith("MONOCHROME")) {
            assertEquals(pi, p.get(ImageProperties.PHOTOMETRIC));
        }
        assertEquals(value(d, "TransferSyntaxUID"), p.get("dicom.TransferSyntaxUID"));
    }

    private static String value(Map<String, Attr> d, String keyword) {
        Attr a = d.get(keyword);
        return a == null || a.value().isBlank() ? null : a.value().strip();
    }

    private static void compareNumber(Map<String, Attr> d, String keyword, String actual) {
        String expected = value(d, keyword);
        if (expected == null) {
            assertNull(actual, keyword + " is not in the file");
        } else {
            assertEquals(Double.parseDouble(expected.split("\\\\")[0]), Double.parseDouble(actual), 1e-9, keyword);
        }
    }

    private static double[] numbers(Attr a) {
        String[] v = a.values();
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.parseDouble(v[i].strip());
        }
        return out;
    }
}
