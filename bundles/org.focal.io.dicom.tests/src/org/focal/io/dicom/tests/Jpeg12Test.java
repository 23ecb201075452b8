package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageProperties;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 12-bit JPEG (transfer syntax 1.2.840.10008.1.2.4.51, process 4) decoded by the own sequential
 * decoder against dcmtk's decoding of the same files (dcmdjpeg, IJG's 12-bit libjpeg): the files are
 * made at test time, by dcmcjpeg from the real CT series, and by {@link Jpeg12Encoder} for what
 * dcmcjpeg cannot make (restart intervals, colour, sampling factors, one scan per component).
 */
class Jpeg12Test {

    private static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    private static final String PYTHON = "/usr/bin/python3";

    /** Counts of a comparison: compared samples, differing samples, max |difference|. */
    record Agreement(long samples, long differing, int max) {
        Agreement plus(Agreement o) {
            return new Agreement(samples + o.samples, differing + o.differing, Math.max(max, o.max));
        }
    }

    static PixelBuffer whole(ImageSource src, int z) throws Exception {
        ImageMetadata m = src.metadata();
        return src.read(new RegionRequest(0, 0, m.width(), m.height(), 1, z, 0));
    }

    /** Our decoding of a 12-bit JPEG file against our reading of dcmdjpeg's uncompressed copy. */
    static Agreement compareWithDcmtk(Path jpeg, Path tmp, String... dcmdjpegOptions) throws Exception {
        Path ref = tmp.resolve("ref-" + jpeg.getFileName());
        String[] cmd = new String[dcmdjpegOptions.length + 3];
        cmd[0] = "dcmdjpeg";
        System.arraycopy(dcmdjpegOptions, 0, cmd, 1, dcmdjpegOptions.length);
        cmd[cmd.length - 2] = jpeg.toString();
        cmd[cmd.length - 1] = ref.toString();
        Dcm.run(cmd);
        try (ImageSource a = Dcm.reader().open(jpeg, Map.of()); ImageSource b = Dcm.reader().open(ref, Map.of())) {
            assertEquals("JPEG", a.metadata().properties().get(ImageProperties.COMPRESSION));
            assertEquals(b.metadata().pixelType(), a.metadata().pixelType());
            assertEquals(b.metadata().channels(), a.metadata().channels());
            short[] x = (short[]) whole(a, 0).data();
            short[] y = (short[]) whole(b, 0).data();
            assertEquals(y.length, x.length);
            long differing = 0;
            int max = 0;
            for (int i = 0; i < x.length; i++) {
                int d = Math.abs(x[i] - y[i]);
                differing += d == 0 ? 0 : 1;
                max = Math.max(max, d);
            }
            return new Agreement(x.length, differing, max);
        }
    }

    /** Stored values times RescaleSlope plus RescaleIntercept (HU for CT). */
    static double[] modality(ImageSource src) throws Exception {
        Map<String, String> p = src.metadata().properties();
        double slope = Double.parseDouble(p.getOrDefault(ImageProperties.RESCALE_SLOPE, "1"));
        double intercept = Double.parseDouble(p.getOrDefault(ImageProperties.RESCALE_INTERCEPT, "0"));
        short[] s = (short[]) whole(src, 0).data();
        boolean signed = src.metadata().pixelType() == PixelType.INT16;
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (signed ? s[i] : s[i] & 0xFFFF) * slope + intercept;
        }
        return out;
    }

    static void report(String what, Agreement a) {
        System.out.printf("12-bit JPEG %s vs dcmdjpeg: %d samples, %d differ (%.4f%%), max |diff| %d%n", what,
                a.samples(), a.differing(), 100.0 * a.differing() / a.samples(), a.max());
    }

    @Test
    void dcmcjpegCtSeriesMatchesDcmdjpeg(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        List<Path> slices = Dcm.dicomFiles(Dcm.data(DicomMetadataTest.CT_RAW));
        assertEquals(20, slices.size());
        Path dir = Files.createDirectories(tmp.resolve("series"));
        Agreement total = new Agreement(0, 0, 0);
        double lossyError = 0;
        for (Path slice : slices) {
            Path jpeg = dir.resolve(slice.getFileName());
            // +ee: extended sequential (process 4, 12 bits: the CT has BitsStored 12); +un: keep the UIDs;
            // +rm: dcmcjpeg maps the pixel range to 12 bits and keeps HU through the rescale intercept
            // (its default, +ri, would write stored values HU + 2047 with an identity rescale)
            Dcm.run("dcmcjpeg", "+ee", "+un", "+rm", slice.toString(), jpeg.toString());
            assertEquals(JPEG_EXTENDED, Dcm.dump(jpeg).get("TransferSyntaxUID").value());
            total = total.plus(compareWithDcmtk(jpeg, tmp));
            try (ImageSource a = Dcm.reader().open(jpeg, Map.of()); ImageSource raw = Dcm.reader().open(slice, Map.of())) {
                double[] x = modality(a);
                double[] y = modality(raw);
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    sum += Math.abs(x[i] - y[i]);
                }
                lossyError = Math.max(lossyError, (double) sum / x.length);
            }
        }
        report("CT series (dcmcjpeg +ee, 20 slices)", total);
        System.out.printf("12-bit JPEG CT series: worst mean |lossy - original| %.2f HU%n", lossyError);
        assertTrue(total.max() <= 1, "max difference " + total.max());
        assertEquals(0, total.differing(), "samples that differ from dcmtk's libjpeg");
        assertTrue(lossyError < 8, "mean lossy error " + lossyError);

        // the folder reads as one volume like the uncompressed series
        try (ImageSource vol = Dcm.reader().open(dir, Map.of());
                ImageSource raw = Dcm.reader().open(Dcm.data(DicomMetadataTest.CT_RAW), Map.of())) {
            assertEquals(raw.metadata().sizeZ(), vol.metadata().sizeZ());
            assertEquals(raw.metadata().geometry(), vol.metadata().geometry());
            assertEquals(PixelType.UINT16, vol.metadata().pixelType());
        }
    }

    @Test
    void signedCtRescaledByDcmcjpegMatchesDcmdjpeg(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        // 16-bit signed CT: dcmcjpeg maps it to 12 unsigned bits and rewrites slope and intercept
        Path jpeg = tmp.resolve("ct3.dcm");
        Dcm.run("dcmcjpeg", "+ee", "+un", Dcm.data(DicomPixelTest.CT3_SLICE).toString(), jpeg.toString());
        assertEquals("12", Dcm.dump(jpeg).get("BitsStored").value());
        Agreement a = compareWithDcmtk(jpeg, tmp);
        report("signed CT rescaled to 12 bits", a);
        assertEquals(0, a.differing());

        // PixelRepresentation 1 on both copies: the decoded 12-bit samples are sign-extended as the
        // uncompressed ones are
        Path signed = tmp.resolve("signed.dcm");
        Dcm.run("dcmcjpeg", "+ee", "+un", Dcm.data(DicomPixelTest.CT_SLICE).toString(), signed.toString());
        Dcm.run("dcmodify", "-nb", "-m", "(0028,0103)=1", signed.toString());
        Agreement s = compareWithDcmtk(signed, tmp);
        assertEquals(0, s.differing());
        try (ImageSource src = Dcm.reader().open(signed, Map.of())) {
            assertEquals(PixelType.INT16, src.metadata().pixelType());
            short[] v = (short[]) whole(src, 0).data();
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (short x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertTrue(min < 0 && min >= -2048 && max <= 2047, min + ".." + max);
        }
    }

    /** Smooth structure plus noise, 0..4095. */
    static int[] testPlane(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] p = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 2048 + 1500 * Math.sin(x / (7.0 + seed)) * Math.cos(y / 11.0) + 300 * random.nextGaussian();
                if ((x / 9 + y / 13) % 5 == 0) {
                    v = 4095; // hard edges that overshoot after quantization
                }
                if ((x / 11 + y / 7) % 7 == 0) {
                    v = 0;
                }
                p[y * width + x] = (int) Math.max(0, Math.min(4095, Math.round(v)));
            }
        }
        return p;
    }

    /** Writes a one-frame 12-bit JPEG DICOM file (pydicom) around a JPEG stream. */
    static Path wrap(Path tmp, String name, byte[] jpeg, int width, int height, int samples, String photometric)
            throws Exception {
        Path stream = tmp.resolve(name + ".jpg");
        Files.write(stream, jpeg);
        Path file = tmp.resolve(name + ".dcm");
        String script = String.join("\n",
                "import sys",
                "from pydicom.dataset import Dataset, FileMetaDataset",
                "from pydicom.encaps import encapsulate",
                "from pydicom.uid import generate_uid, UID",
                "stream, out, w, h, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])",
                "meta = FileMetaDataset()",
                "meta.MediaStorageSOPClassUID = UID('1.2.840.10008.5.1.4.1.1.7')",
                "meta.MediaStorageSOPInstanceUID = generate_uid()",
                "meta.TransferSyntaxUID = UID('" + JPEG_EXTENDED + "')",
                "ds = Dataset()",
                "ds.file_meta = meta",
                "ds.SOPClassUID = meta.MediaStorageSOPClassUID",
                "ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID",
                "ds.StudyInstanceUID = generate_uid()",
                "ds.SeriesInstanceUID = generate_uid()",
                "ds.Modality = 'OT'",
                "ds.Rows, ds.Columns, ds.SamplesPerPixel = h, w, n",
                "ds.PhotometricInterpretation = sys.argv[6]",
                "if n > 1: ds.PlanarConfiguration = 0",
                "ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0",
                "ds.PixelData = encapsulate([open(stream, 'rb').read()])",
                "ds['PixelData'].VR = 'OB'",
                "ds['PixelData'].is_undefined_length = True",
                "ds.is_little_endian, ds.is_implicit_VR = True, False",
                "ds.save_as(out, write_like_original=False)");
        Dcm.run(PYTHON, "-c", script, stream.toString(), file.toString(), Integer.toString(width),
                Integer.toString(height), Integer.toString(samples), photometric);
        return file;
    }

    @Test
    void restartIntervalsColourAndSamplingFactorsMatchDcmdjpeg(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        record Case(String name, int width, int height, int[] h, int[] v, int restart, boolean interleaved, int sof) {
        }
        int[] rgb = {'R', 'G', 'B'};
        int[] one = {1, 1, 1};
        int[] two = {2, 2, 2};
        Agreement total = new Agreement(0, 0, 0);
        for (Case c : List.of(
                new Case("grey-restart5", 100, 70, new int[] {1}, new int[] {1}, 5, true, 0xC1),
                new Case("grey-restart1-h2v2", 37, 45, new int[] {2}, new int[] {2}, 1, true, 0xC1),
                new Case("grey-sof0-p12", 64, 48, new int[] {1}, new int[] {1}, 0, true, 0xC0),
                new Case("rgb-interleaved-restart3", 61, 37, one, one, 3, true, 0xC1),
                new Case("rgb-h2v1-restart2", 53, 29, two, one, 2, true, 0xC1),
                new Case("rgb-one-scan-per-component-restart7", 45, 33, one, two, 7, false, 0xC1),
                // subsampled: 4:2:2 and 4:2:0 (libjpeg interpolates, "fancy upsampling"), 4:4:0 (replicated)
                new Case("subsampled-422-restart4", 67, 41, new int[] {2, 1, 1}, one, 4, true, 0xC1),
                new Case("subsampled-420", 75, 51, new int[] {2, 1, 1}, new int[] {2, 1, 1}, 0, true, 0xC1),
                new Case("subsampled-420-one-scan-per-component", 43, 37, new int[] {2, 1, 1}, new int[] {2, 1, 1}, 3,
                        false, 0xC1),
                new Case("subsampled-440", 40, 35, one, new int[] {2, 1, 1}, 0, true, 0xC1))) {
            int n = c.h().length;
            int maxH = Arrays.stream(c.h()).max().getAsInt();
            int maxV = Arrays.stream(c.v()).max().getAsInt();
            int[][] planes = new int[n][];
            for (int k = 0; k < n; k++) {
                planes[k] = testPlane((c.width() * c.h()[k] + maxH - 1) / maxH, (c.height() * c.v()[k] + maxV - 1) / maxV,
                        3 + k);
            }
            byte[] jpeg = Jpeg12Encoder.encode(planes, c.width(), c.height(), c.h(), c.v(), Arrays.copyOf(rgb, n),
                    c.restart(), c.interleaved(), c.sof());
            Path file = wrap(tmp, c.name(), jpeg, c.width(), c.height(), n, n == 1 ? "MONOCHROME2" : "RGB");
            // +cn: no colour conversion (the component ids say RGB anyway)
            Agreement a = compareWithDcmtk(file, tmp, "+cn");
            report(c.name(), a);
            assertEquals(0, a.differing(), c.name() + ": samples that differ from dcmtk, max " + a.max());
            total = total.plus(a);
        }
        report("made streams (restart, colour, sampling factors)", total);
    }

    @Test
    void ycbcrFramesConvertToRgbAsDcmdjpegDoes(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        int[] ids = {1, 2, 3}; // not 'R','G','B': libjpeg and the reader take the components as YCbCr
        Agreement total = new Agreement(0, 0, 0);
        for (Object[] c : new Object[][] {{"YBR_FULL", new int[] {1, 1, 1}, new int[] {1, 1, 1}, 59, 43},
                {"YBR_FULL_422", new int[] {2, 1, 1}, new int[] {1, 1, 1}, 66, 39}}) {
            String photometric = (String) c[0];
            int[] h = (int[]) c[1];
            int[] v = (int[]) c[2];
            int width = (int) c[3];
            int height = (int) c[4];
            int[][] planes = new int[3][];
            for (int k = 0; k < 3; k++) {
                int w = (width * h[k] + h[0] - 1) / h[0]; // the luma has the largest factor
                planes[k] = testPlane(w, height, 11 + k);
                if (k > 0) {
                    for (int i = 0; i < planes[k].length; i++) {
                        planes[k][i] = 2048 + (planes[k][i] - 2048) / 3; // plausible chroma
                    }
                }
            }
            byte[] jpeg = Jpeg12Encoder.encode(planes, width, height, h, v, ids, 0, true, 0xC1);
            Path file = wrap(tmp, photometric, jpeg, width, height, 3, photometric);
            try (ImageSource src = Dcm.reader().open(file, Map.of())) {
                assertEquals("RGB", src.metadata().properties().get(ImageProperties.PHOTOMETRIC));
            }
            // +cl: dcmdjpeg converts lossy YCbCr to RGB (libjpeg's fixed-point conversion)
            Agreement a = compareWithDcmtk(file, tmp, "+cl");
            report(photometric + " to RGB", a);
            assertEquals(0, a.differing(), photometric + ": samples that differ from dcmtk, max " + a.max());
            total = total.plus(a);
        }
    }

    /** The lossless decoder shares the entropy reader with the 12-bit one: it stays exact. */
    @Test
    void losslessJpegEqualsTheUncompressedSlice(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        for (String option : new String[] {"+e1", "+el"}) {
            for (String source : new String[] {DicomPixelTest.CT_SLICE, DicomPixelTest.CT3_SLICE}) {
                Path original = Dcm.data(source);
                Path lossless = tmp.resolve(option.substring(1) + "-" + original.getFileName());
                Dcm.run("dcmcjpeg", option, "+un", original.toString(), lossless.toString());
                try (ImageSource a = Dcm.reader().open(lossless, Map.of()); ImageSource b = Dcm.reader().open(original, Map.of())) {
                    assertEquals(b.metadata().pixelType(), a.metadata().pixelType());
                    assertTrue(Arrays.equals((short[]) whole(b, 0).data(), (short[]) whole(a, 0).data()), option + " " + source);
                }
            }
        }
    }

    @Test
    void truncatedAndCorruptTwelveBitFramesFailWithOneLine(@TempDir Path tmp) throws Exception {
        Dcm.assumeDcmtk();
        Path jpeg = tmp.resolve("ct12.dcm");
        Dcm.run("dcmcjpeg", "+ee", "+un", Dcm.data(DicomPixelTest.CT_SLICE).toString(), jpeg.toString());
        byte[] full = Files.readAllBytes(jpeg);
        int soi = BadInputTest.indexOf(full, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 0);
        for (int length : new int[] {soi + 1, soi + 30, soi + 400, full.length / 2, full.length - 200, full.length - 5}) {
            Path cut = tmp.resolve("truncated-" + length + ".dcm");
            Files.write(cut, Arrays.copyOf(full, length));
            BadInputTest.assertBad(cut, null);
        }
        // the same length, the entropy-coded data overwritten: decodes to garbage or fails, never hangs or throws raw
        Random random = new Random(7);
        int sos = BadInputTest.indexOf(full, new byte[] {(byte) 0xFF, (byte) 0xDA}, soi);
        for (int i = 0; i < 5; i++) {
            byte[] bad = full.clone();
            for (int k = sos + 20 + i * 997; k < full.length - 20; k += 1 + random.nextInt(50)) {
                bad[k] = (byte) random.nextInt(256);
            }
            Path f = tmp.resolve("corrupt-" + i + ".dcm");
            Files.write(f, bad);
            try (ImageSource s = Dcm.reader().open(f, Map.of())) {
                whole(s, 0);
            } catch (org.focal.core.BadInputException e) {
                assertTrue(e.getMessage().lines().count() == 1 && e.getMessage().contains(f.getFileName().toString()),
                        e.getMessage());
            }
        }
        // a frame whose header declares 16-bit precision: refused with the reason
        byte[] p16 = full.clone();
        int sof = BadInputTest.indexOf(p16, new byte[] {(byte) 0xFF, (byte) 0xC1}, soi);
        p16[sof + 4] = 16;
        Path f16 = tmp.resolve("precision16.dcm");
        Files.write(f16, p16);
        BadInputTest.assertBad(f16, "precision");
    }
}
