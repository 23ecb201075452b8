package org.focal.io.dicom.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageSource;
import org.focal.core.image.RegionRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt files fail fast with a one-line {@link BadInputException} naming the file (the test JVM
 * runs with -Xmx256m, see pom.xml): no OutOfMemoryError, no hang, no raw exception.
 */
class BadInputTest {

    private static final long FAST_MS = 1000;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void warmUp() throws Exception {
        // class loading and JIT of the reader should not count against the time limit
        try (ImageSource s = Dcm.reader().open(Dcm.data(DicomPixelTest.CT_SLICE), Map.of())) {
            s.read(RegionRequest.of(0, 0, 8, 8));
        }
        try (ImageSource s = Dcm.reader().open(Dcm.data(DicomMetadataTest.WSI), Map.of())) {
            s.read(RegionRequest.of(0, 0, 8, 8));
        }
    }

    static boolean regionMatches(byte[] data, int at, byte[] pattern) {
        for (int k = 0; k < pattern.length; k++) {
            if (data[at + k] != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            if (regionMatches(data, i, pattern)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pattern not found");
    }

    /** Opens the file and reads its middle plane; expects a fast BadInputException naming the file. */
    static void assertBad(Path file, String expectedWords) {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long t0 = System.nanoTime();
            BadInputException thrown = assertThrows(BadInputException.class, () -> {
                try (ImageSource s = Dcm.reader().open(file, Map.of())) {
                    ImageMetadata m = s.metadata();
                    s.read(new RegionRequest(0, 0, m.width(), m.height(), 1, m.sizeZ() / 2, 0));
                }
            }, file.getFileName().toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < FAST_MS, file.getFileName() + " took " + ms + " ms to fail");
            return thrown;
        });
        String msg = e.getMessage();
        assertTrue(msg.contains(file.getFileName().toString()), "message names the file: " + msg);
        assertTrue(msg.lines().count() == 1, "one line: " + msg);
        if (expectedWords != null) {
            assertTrue(msg.toLowerCase().contains(expectedWords), "'" + expectedWords + "' in: " + msg);
        }
    }

    @Test
    void truncatedCopiesFail() throws Exception {
        for (String source : new String[] {DicomPixelTest.CT_SLICE, DicomPixelTest.CT3_SLICE, DicomMetadataTest.WSI,
                "radiology/ct-abdomen-series/dicom_j2k_lossless/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016590.dcm",
                "radiology/xray-chest-cr-nema/RG1_J2KI.dcm"}) {
            byte[] full = Files.readAllBytes(Dcm.data(source));
            for (int length : new int[] {0, 100, 131, 140, 400, 1500, full.length / 2, full.length - 1000, full.length - 9}) {
                Path cut = tmp.resolve("truncated-" + length + "-" + Path.of(source).getFileName());
                Files.write(cut, Arrays.copyOf(full, length));
                assertBad(cut, null);
            }
        }
    }

    @Test
    void randomBytesFail() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {10, 1000, 300_000}) {
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            Path f = tmp.resolve("noise-" + size + ".dcm");
            Files.write(f, noise);
            assertBad(f, "not a dicom file");
            // with a valid preamble marker the parser reads on into the noise
            if (size > 132) {
                noise[128] = 'D';
                noise[129] = 'I';
                noise[130] = 'C';
                noise[131] = 'M';
                Path g = tmp.resolve("noise-dicm-" + size + ".dcm");
                Files.write(g, noise);
                assertBad(g, null);
            }
        }
    }

    @Test
    void lengthFieldsPastTheEndFail() throws Exception {
        byte[] ct = Files.readAllBytes(Dcm.data(DicomPixelTest.CT_SLICE));
        // Pixel Data (7FE0,0010) OW: 4-byte length after 2 reserved bytes
        int pixel = indexOf(ct, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0}, 132);
        // ProcedureCodeSequence (0008,1032) SQ
        int sequence = indexOf(ct, new byte[] {0x08, 0x00, 0x32, 0x10, 'S', 'Q', 0, 0}, 132);
        for (long bad : new long[] {0xFFFFFFF0L, ct.length + 10L, 0x7FFFFFFFL}) {
            for (int at : new int[] {pixel + 8, sequence + 8}) {
                byte[] copy = ct.clone();
                ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) bad);
                Path f = tmp.resolve("length-" + Long.toHexString(bad) + "-at-" + at + ".dcm");
                Files.write(f, copy);
                assertBad(f, null);
            }
        }
        // a fragment length past the end in encapsulated pixel data
        byte[] wsi = Files.readAllBytes(Dcm.data(DicomMetadataTest.WSI));
        int encapsulated = indexOf(wsi, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, (byte) 0xFF, (byte) 0xFF}, 132);
        ByteBuffer b = ByteBuffer.wrap(wsi).order(ByteOrder.LITTLE_ENDIAN);
        int bot = encapsulated + 12;
        int firstFragment = bot + 8 + b.getInt(bot + 4);
        b.putInt(firstFragment + 4, 0xFFFFFFF0);
        Path f = tmp.resolve("fragment-length.dcm");
        Files.write(f, wsi);
        assertBad(f, "past the end");
    }

    @Test
    void pixelDataShorterThanTheImageFails() throws Exception {
        Dcm.assumeDcmtk();
        Path rows = tmp.resolve("rows-1024.dcm");
        Files.copy(Dcm.data(DicomPixelTest.CT_SLICE), rows);
        Dcm.run("dcmodify", "-nb", "-m", "(0028,0010)=1024", rows.toString());
        assertBad(rows, "pixel data holds");
        Path frames = tmp.resolve("frames-400.dcm");
        Files.copy(Dcm.data(DicomMetadataTest.CT3 + "/02.dcm"), frames);
        Dcm.run("dcmodify", "-nb", "-i", "(0028,0008)=400", frames.toString());
        assertBad(frames, "pixel data holds");
        Path tiles = tmp.resolve("wsi-frames-420.dcm");
        Files.copy(Dcm.data(DicomMetadataTest.WSI), tiles);
        Dcm.run("dcmodify", "-nb", "-m", "(0028,0008)=420", tiles.toString());
        assertBad(tiles, "fragments");
    }

    @Test
    void hugeDeclaredImageDoesNotExhaustMemory() throws Exception {
        Dcm.assumeDcmtk();
        // 65535 x 65535 x 3 samples declared for a 500 x 500 JPEG: refused before decoding
        Path f = tmp.resolve("huge.dcm");
        Files.copy(Dcm.data(DicomMetadataTest.WSI), f);
        Dcm.run("dcmodify", "-nb", "-m", "(0028,0010)=65535", "-m", "(0028,0011)=65535", f.toString());
        assertBad(f, null);
    }
}
