package org.focal.io.nrrd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.ImageReader;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.RegionRequest;
import org.focal.core.image.SupportLevel;
import org.focal.core.image.Volume;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every NRRD in the shared data against an independent decode: numpy reading the same header
 * fields and data (Debian's python3), never this reader's own output.
 */
class NrrdReaderTest {

    /** Independent reference: header fields parsed by Python, voxels decoded by zlib + numpy. */
    private static final String REFERENCE = """
            import sys, gzip, json, numpy as np
            path = sys.argv[1]
            raw = open(path, 'rb').read()
            end = raw.index(b'\\n\\n')
            fields = {}
            for line in raw[:end].decode('latin-1').split('\\n')[1:]:
                if line.startswith('#') or ':=' in line: continue
                k, v = line.split(': ', 1); fields[k] = v.strip()
            data = raw[end + 2:]
            if fields['encoding'] in ('gzip', 'gz'): data = gzip.decompress(data)
            types = {'short': '<i2', 'unsigned short': '<u2', 'int': '<i4', 'uchar': 'u1', 'float': '<f4'}
            sizes = [int(s) for s in fields['sizes'].split()]
            vol = np.frombuffer(data, dtype=types[fields['type']], count=int(np.prod(sizes))).reshape(sizes[::-1])
            dirs = [[float(x) for x in d.strip('()').split(',')] for d in fields['space directions'].split()]
            z = sizes[2] // 2
            print(json.dumps({
              'sizes': sizes, 'spacing': [float(np.linalg.norm(d)) for d in dirs],
              'origin': [float(x) for x in fields['space origin'].strip('()').split(',')],
              'sumMiddle': int(vol[z].astype(np.int64).sum()), 'sumAll': int(vol.astype(np.int64).sum()),
              'middle': z, 'sample': int(vol[z, sizes[1] // 3, sizes[0] // 4]), 'max': int(vol.max())}))
            """;

    @TempDir
    Path dir;

    private static ImageReader reader() {
        return Services.await(ImageReader.class, "(focal.format=nrrd)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"radiology/nrrd-mr-rois/brain1_image.nrrd", "radiology/nrrd-mr-rois/brain1_label.nrrd",
        "radiology/nrrd-mr-rois/brain2_image.nrrd", "radiology/nrrd-mr-rois/breast1_image.nrrd",
        "radiology/nrrd-mr-rois/breast1_label.nrrd", "radiology/nrrd-mr-rois/prostate_phantom_subvolume.nrrd",
        "radiology/nrrd-mr-rois/prostate_phantom_subvolume-label.nrrd", "radiology/ct-3slice-liver-seg/seg_nrrd/liver_seg.nrrd"})
    void agreesWithAnIndependentDecode(String relative) throws Exception {
        Path file = TestData.path(relative);
        JsonNode ref = new ObjectMapper().readTree(Tools.python(REFERENCE, file.toString()));
        assertEquals(SupportLevel.SPECIFIC, reader().support(file));
        try (ImageSource source = reader().open(file, Map.of())) {
            ImageMetadata m = source.metadata();
            assertEquals(ref.get("sizes").get(0).asInt(), m.width());
            assertEquals(ref.get("sizes").get(1).asInt(), m.height());
            assertEquals(ref.get("sizes").get(2).asInt(), m.sizeZ());
            assertEquals(1, m.channels());
            assertEquals(ref.get("spacing").get(0).asDouble(), m.calibration().x(), 1e-9);
            assertEquals(ref.get("spacing").get(1).asDouble(), m.calibration().y(), 1e-9);
            assertEquals(ref.get("spacing").get(2).asDouble(), m.calibration().z(), 1e-9);
            assertEquals("mm", m.calibration().unit());
            for (int i = 0; i < 3; i++) {
                assertEquals(ref.get("origin").get(i).asDouble(), m.geometry().origin()[i], 1e-9);
            }
            int z = ref.get("middle").asInt();
            PixelBuffer slice = source.read(new RegionRequest(0, 0, m.width(), m.height(), 1, z, 0));
            assertEquals(ref.get("sumMiddle").asLong(), sum(slice));
            assertEquals(ref.get("sample").asInt(), (int) slice.get(m.width() / 4, m.height() / 3, 0));
            long all = 0;
            for (int k = 0; k < m.sizeZ(); k++) {
                all += sum(source.read(new RegionRequest(0, 0, m.width(), m.height(), 1, k, 0)));
            }
            assertEquals(ref.get("sumAll").asLong(), all);
        }
    }

    private static long sum(PixelBuffer b) {
        long s = 0;
        for (int y = 0; y < b.height(); y++) {
            for (int x = 0; x < b.width(); x++) {
                s += (long) b.get(x, y, 0);
            }
        }
        return s;
    }

    @Test
    void brainFactsFromTheDataReadme() throws Exception {
        try (ImageSource s = reader().open(TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd"), Map.of())) {
            ImageMetadata m = s.metadata();
            assertEquals(256, m.width());
            assertEquals(256, m.height());
            assertEquals(25, m.sizeZ());
            assertEquals(0.78125, m.calibration().x(), 1e-9);
            assertEquals(6.5, m.calibration().z(), 1e-9);
            assertEquals(PixelType.INT16, m.pixelType());
            // the y axis points anterior in this file: direction (0,-1,0) in LPS
            assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, m.geometry().direction(), 1e-12);
        }
    }

    @Test
    void orthogonalSlicesComeFromTheAxialPlanes() throws Exception {
        try (ImageSource s = reader().open(TestData.path("radiology/nrrd-mr-rois/breast1_image.nrrd"), Map.of())) {
            Volume v = new Volume(s);
            ImageMetadata m = s.metadata();
            PixelBuffer sagittal = v.slice(Volume.Axis.X, 20);
            PixelBuffer coronal = v.slice(Volume.Axis.Y, 60);
            assertEquals(m.height(), sagittal.width());
            assertEquals(m.sizeZ(), sagittal.height());
            assertEquals(m.width(), coronal.width());
            for (int z = 0; z < m.sizeZ(); z += 5) {
                PixelBuffer axial = v.slice(Volume.Axis.Z, z);
                assertEquals(axial.get(20, 33, 0), sagittal.get(33, z, 0));
                assertEquals(axial.get(7, 60, 0), coronal.get(7, z, 0));
            }
            assertArrayEquals(new double[] {m.calibration().y(), m.calibration().z()}, v.pixelSize(Volume.Axis.X));
        }
    }

    @Test
    void rawAsciiAndDetachedVariantsDecodeTheSameVoxels() throws Exception {
        String header = "NRRD0004\ntype: short\ndimension: 3\nsizes: 3 2 2\nspace: right-anterior-superior\n"
                + "space directions: (2,0,0) (0,2,0) (0,0,5)\nspace origin: (10,20,30)\nendian: big\n";
        short[] values = {1, -2, 3, 400, 5, 6, 7, 8, 9, 10, 11, -1200};
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocate(values.length * 2);
        for (short v : values) {
            big.putShort(v);
        }
        Path raw = dir.resolve("raw.nrrd");
        Files.write(raw, concat((header + "encoding: raw\n\n").getBytes(StandardCharsets.US_ASCII), big.array()));
        Path ascii = dir.resolve("ascii.nrrd");
        StringBuilder text = new StringBuilder(header + "encoding: ascii\n\n");
        for (short v : values) {
            text.append(v).append(' ');
        }
        Files.writeString(ascii, text);
        Files.write(dir.resolve("data.raw"), big.array());
        Path detached = dir.resolve("detached.nhdr");
        Files.writeString(detached, header + "encoding: raw\ndata file: data.raw\n");
        for (Path p : new Path[] {raw, ascii, detached}) {
            try (ImageSource s = reader().open(p, Map.of())) {
                PixelBuffer z1 = s.read(new RegionRequest(0, 0, 3, 2, 1, 1, 0));
                assertEquals(7, z1.get(0, 0, 0), p.toString());
                assertEquals(-1200, z1.get(2, 1, 0), p.toString());
                // RAS origin (10, 20, 30) is LPS (-10, -20, 30)
                assertArrayEquals(new double[] {-10, -20, 30}, s.metadata().geometry().origin(), 1e-12);
                assertEquals(2, s.metadata().calibration().x());
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badFilesGiveOneLineErrorsNamingTheFile() throws Exception {
        byte[] real = Files.readAllBytes(TestData.path("radiology/nrrd-mr-rois/brain1_image.nrrd"));
        Path truncated = Files.write(dir.resolve("truncated.nrrd"), java.util.Arrays.copyOf(real, real.length / 3));
        Path noData = Files.writeString(dir.resolve("nodata.nrrd"), "NRRD0004\ntype: short\ndimension: 3\nsizes: 10 10 10\nencoding: raw\n\n");
        Path huge = Files.writeString(dir.resolve("huge.nrrd"),
                "NRRD0004\ntype: short\ndimension: 3\nsizes: 100000 100000 100000\nencoding: gzip\n\nxx");
        Path badType = Files.writeString(dir.resolve("badtype.nrrd"), "NRRD0004\ntype: int64\ndimension: 2\nsizes: 2 2\nencoding: raw\n\n");
        Path garbage = Files.write(dir.resolve("garbage.nrrd"), new byte[] {'N', 'R', 'R', 'D', '0', '0', '0', '4', '\n', 'x', 'y', 'z'});
        for (Path p : new Path[] {truncated, noData, huge, badType, garbage}) {
            BadInputException e = assertThrows(BadInputException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (ImageSource s = reader().open(p, Map.of())) {
                    ImageMetadata m = s.metadata();
                    for (int z = 0; z < m.sizeZ(); z++) {
                        s.read(new RegionRequest(0, 0, m.width(), m.height(), 1, z, 0));
                    }
                }
            }), p.toString());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        Path random = Files.write(dir.resolve("random.nrrd"), new java.util.Random(7).ints(500).collect(
                java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> { }).toByteArray());
        assertEquals(SupportLevel.NONE, reader().support(random));
    }
}
