package org.focal.data.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.store.ImageRecord;
import org.focal.store.Store;
import org.focal.store.StoreService;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * NRRD label maps and DICOM SEG into datasets, on the dcmqi 3-slice CT and the PyRadiomics MR ROIs
 * of ../shared/data. Pixel counts are checked against numpy reading the gzip NRRD data itself and
 * against pydicom reading the SEG frames; frame and segment counts against dcmdump.
 */
class SegmentImportTest extends CliTestBase {

    static final String CT = "radiology/ct-3slice-liver-seg/";

    /** Per label value, the voxel count of each slice: numpy on the raw gzip data, not Focal's reader. */
    static final String NRRD_COUNTS = """
            import sys, gzip, numpy as np
            b = open(sys.argv[1], 'rb').read()
            end = b.index(b'\\n\\n')
            h = {}
            for line in b[:end].decode().splitlines()[1:]:
                if line.startswith('#') or ': ' not in line: continue
                k, v = line.split(': ', 1); h[k] = v
            sizes = [int(s) for s in h['sizes'].split()]
            dt = {'short': '<i2', 'int': '<i4', 'uchar': 'u1', 'unsigned char': 'u1', 'ushort': '<u2'}[h['type']]
            raw = b[end + 2:]
            if h['encoding'] == 'gzip': raw = gzip.decompress(raw)
            a = np.frombuffer(raw, dtype=dt).reshape(sizes[::-1])
            for v in sorted(set(int(x) for x in np.unique(a)) - {0}):
                for z in range(a.shape[0]):
                    n = int((a[z] == v).sum())
                    if n: print(v, z, n)
            """;

    /** Per SEG frame: source image file, segment label, pixel count (pydicom unpacks the 1-bit frames). */
    static final String SEG_COUNTS = """
            import sys, os, pydicom
            seg = pydicom.dcmread(sys.argv[1])
            names = {}
            for f in sorted(os.listdir(sys.argv[2])):
                d = pydicom.dcmread(os.path.join(sys.argv[2], f), stop_before_pixels=True)
                names[str(d.SOPInstanceUID)] = f
            labels = {int(s.SegmentNumber): str(s.SegmentLabel) for s in seg.SegmentSequence}
            px = seg.pixel_array
            if px.ndim == 2: px = px[None]
            for i, fg in enumerate(seg.PerFrameFunctionalGroupsSequence):
                n = int(fg.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
                sop = str(fg.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID)
                print(names.get(sop, '?'), labels[n].lower(), int((px[i] > 0).sum()))
            """;

    /** "image label z" -> summed mask area in pixels, of MASK annotations; planes of the CT volume as "file label 0". */
    Map<String, Long> areas(String dataset) {
        Map<String, Long> out = new TreeMap<>();
        try (Store store = Services.await(StoreService.class).open(workspace())) {
            for (ImageRecord r : store.images(dataset)) {
                for (Annotation a : store.annotations(r.id())) {
                    assertEquals(AnnotationKind.MASK, a.kind());
                    assertTrue(a.geometry().isValid(), a.geometry().toText());
                    // the 3-slice CT series is one volume: its plane z is the slice of file CT_FILE_OF_SLICE[z]
                    String key = r.sizeZ() > 1 && r.name().equals("ct-3slice") ? CT_FILE_OF_SLICE[a.plane().z()] + " " + a.label() + " 0"
                            : r.name() + " " + a.label() + " " + a.plane().z();
                    out.merge(key, Math.round(a.geometry().getArea()), Long::sum);
                }
            }
        }
        return out;
    }

    void ctDataset(String name, String labels) {
        ok("dataset", "create", name, "--task", "segmentation", "--labels", labels);
        ok("dataset", "import", name, TestData.path(CT + "ct-3slice").toString());
    }

    /** NRRD slice z of the 3-slice label maps lies on this CT file (origin z -128.69, +1 mm per slice). */
    static final String[] CT_FILE_OF_SLICE = {"03.dcm", "02.dcm", "01.dcm"};

    @Test
    void nrrdLabelMapsLandOnTheCtSlicesWithNumpysVoxelCounts() {
        ctDataset("ct", "liver,spine");
        Path liverSpine = TestData.path(CT + "seg_nrrd/liver_spine_seg.nrrd");
        String err = refused("annotations", "import", "ct", "--format", "nrrd-labels", liverSpine.toString());
        assertTrue(err.contains("liver_spine_seg.nrrd") && err.contains("label value 1") && err.contains("'label-1'"), err);
        assertTrue(areas("ct").isEmpty(), "nothing written");
        ok("annotations", "import", "ct", "--format", "nrrd-labels", "--map", "1=liver,2=spine", liverSpine.toString());
        Map<String, Long> expected = new TreeMap<>();
        String[] names = {null, "liver", "spine"};
        for (String line : Tools.python(NRRD_COUNTS, liverSpine.toString()).strip().split("\n")) {
            String[] p = line.split(" ");
            expected.put(CT_FILE_OF_SLICE[Integer.parseInt(p[1])] + " " + names[Integer.parseInt(p[0])] + " 0", Long.parseLong(p[2]));
        }
        assertEquals(6, expected.size());
        assertEquals(36233L, expected.get("03.dcm liver 0"));
        assertEquals(expected, areas("ct"));
        // the same import again: stable ids, so the store refuses duplicates and keeps what it has
        err = refused("annotations", "import", "ct", "--format", "nrrd-labels", "--map", "1=liver,2=spine", liverSpine.toString());
        assertTrue(err.contains("already exists"), err);
        assertEquals(expected, areas("ct"));

        // a label map on another grid (24 x 38 x 3, 0.7 mm): refused, nothing written
        Path sparse = TestData.path(CT + "seg_nrrd/sparse_labelmap_noppv_seg.nrrd");
        err = refused("annotations", "import", "ct", "--format", "nrrd-labels", "--map", "1=liver", sparse.toString());
        assertTrue(err.contains("sparse_labelmap_noppv_seg.nrrd") && err.contains("different grid"), err);
        // the series imported as one volume of three planes, sorted along the slice normal
        try (Store store = Services.await(StoreService.class).open(workspace())) {
            assertEquals(List.of("ct-3slice:3"), store.images("ct").stream().map(r -> r.name() + ":" + r.sizeZ()).toList());
        }
        assertEquals(expected, areas("ct"));
    }

    @Test
    void nrrdLabelMapFindsItsMrVolumeByGrid() throws Exception {
        ok("dataset", "create", "mr", "--task", "segmentation", "--labels", "roi");
        Path images = Files.createDirectories(dir.resolve("mr"));
        for (String f : List.of("brain1_image.nrrd", "prostate_phantom_subvolume.nrrd")) {
            Files.copy(TestData.path("radiology/nrrd-mr-rois/" + f), images.resolve(f));
        }
        ok("dataset", "import", "mr", images.toString());
        Path label = TestData.path("radiology/nrrd-mr-rois/brain1_label.nrrd");
        ok("annotations", "import", "mr", "--format", "nrrd-labels", "--map", "1=roi", label.toString());
        Map<String, Long> expected = new TreeMap<>();
        for (String line : Tools.python(NRRD_COUNTS, label.toString()).strip().split("\n")) {
            String[] p = line.split(" ");
            expected.put("brain1_image.nrrd roi " + p[1], Long.parseLong(p[2]));
        }
        assertEquals(7, expected.size());
        assertEquals(expected, areas("mr"));
        String err = refused("annotations", "import", "mr", "--format", "nrrd-labels", "--map", "1=roi", "--image",
                "prostate_phantom_subvolume.nrrd", label.toString());
        assertTrue(err.contains("brain1_label.nrrd") && err.contains("different grid"), err);
        Path corrupt = dir.resolve("corrupt.nrrd");
        byte[] bytes = Files.readAllBytes(label);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        err = refused("annotations", "import", "mr", "--format", "nrrd-labels", "--map", "1=roi", corrupt.toString());
        assertTrue(err.contains("corrupt.nrrd"), err);
        assertEquals(expected, areas("mr"), "refused imports wrote nothing");
    }

    @Test
    void dicomSegFramesMatchPydicomAndTheLabelMaps() {
        ctDataset("seg", "liver,green,orange,purple,light_blue,dark_blue");
        Path liver = TestData.path(CT + "seg_dicom/liver.dcm");
        Path overlaps = TestData.path(CT + "seg_dicom/partial_overlaps.dcm");
        // dcmdump: frames and segments
        String dump = Tools.output("dcmdump", overlaps.toString());
        assertTrue(dump.contains("(0028,0008) IS [7]"), "7 frames");
        assertEquals(5, dump.lines().filter(l -> l.contains("(0062,0005)")).count(), "5 segments");
        assertTrue(Tools.output("dcmdump", liver.toString()).contains("[Liver]"));

        ok("annotations", "import", "seg", "--format", "dicom-seg", liver.toString());
        ok("annotations", "import", "seg", "--format", "dicom-seg", overlaps.toString());
        Map<String, Long> got = areas("seg");

        // the liver segment equals the liver label map, slice by slice (dcmqi made the SEG from it)
        Path liverNrrd = TestData.path(CT + "seg_nrrd/liver_seg.nrrd");
        for (String line : Tools.python(NRRD_COUNTS, liverNrrd.toString()).strip().split("\n")) {
            String[] p = line.split(" ");
            assertEquals(Long.parseLong(p[2]), got.get(CT_FILE_OF_SLICE[Integer.parseInt(p[1])] + " liver 0"), line);
        }
        // overlapping segments: each equals its partial_overlaps-N label map value
        Map<String, Long> fromNrrd = new TreeMap<>();
        String[] segmentOfValue = {null, "green", "orange", "purple", "light_blue", "dark_blue"};
        for (int n = 1; n <= 3; n++) {
            Path p = TestData.path(CT + "seg_nrrd/partial_overlaps-" + n + ".nrrd");
            for (String line : Tools.python(NRRD_COUNTS, p.toString()).strip().split("\n")) {
                String[] f = line.split(" ");
                fromNrrd.put(CT_FILE_OF_SLICE[Integer.parseInt(f[1])] + " " + segmentOfValue[Integer.parseInt(f[0])] + " 0",
                        Long.parseLong(f[2]));
            }
        }
        Map<String, Long> overlapsGot = new TreeMap<>(got);
        overlapsGot.keySet().removeIf(k -> k.contains(" liver "));
        assertEquals(fromNrrd, overlapsGot);
        assertEquals(7, overlapsGot.size());

        if (Tools.run(Tools.PYTHON, "-c", "import pydicom").exitCode() == 0) {
            Map<String, Long> pydicom = new TreeMap<>();
            for (Path seg : List.of(liver, overlaps)) {
                for (String line : Tools.python(SEG_COUNTS, seg.toString(), TestData.path(CT + "ct-3slice").toString()).strip()
                        .split("\n")) {
                    String[] f = line.split(" ");
                    pydicom.merge(f[0] + " " + f[1] + " 0", Long.parseLong(f[2]), Long::sum);
                }
            }
            assertEquals(pydicom, got);
        }
    }

    @Test
    void badDicomSegInputIsRefusedWithoutWritingAnything() throws Exception {
        ctDataset("ct", "green,orange,purple");
        Path overlaps = TestData.path(CT + "seg_dicom/partial_overlaps.dcm");
        String err = refused("annotations", "import", "ct", "--format", "dicom-seg", overlaps.toString());
        assertTrue(err.contains("partial_overlaps.dcm") && err.contains("segment 4") && err.contains("LIGHT_BLUE"), err);
        assertTrue(areas("ct").isEmpty());

        // a dataset without the referenced CT series
        ok("dataset", "create", "other", "--task", "segmentation", "--labels", "liver");
        ok("dataset", "import", "other", TestData.path("natural/ihc.png").toString());
        err = refused("annotations", "import", "other", "--format", "dicom-seg", TestData.path(CT + "seg_dicom/liver.dcm").toString());
        assertTrue(err.contains("liver.dcm") && err.contains("series"), err);

        // corrupt: truncated in the pixel data, and not a SEG at all
        Path truncated = dir.resolve("truncated.dcm");
        byte[] bytes = Files.readAllBytes(overlaps);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 50_000));
        err = refused("annotations", "import", "ct", "--format", "dicom-seg", "--map", "4=green,5=orange", truncated.toString());
        assertTrue(err.contains("truncated.dcm"), err);
        err = refused("annotations", "import", "ct", "--format", "dicom-seg", TestData.path(CT + "ct-3slice/01.dcm").toString());
        assertTrue(err.contains("01.dcm") && err.contains("not a DICOM Segmentation"), err);
        assertTrue(areas("ct").isEmpty(), "nothing written");
        assertTrue(areas("other").isEmpty(), "nothing written");
    }

    /**
     * pydicom turns the liver SEG into a FRACTIONAL one (8-bit probabilities; a third of each
     * frame's pixels at 100/255, below one half, a sixth at 128/255) and prints the pixels at or
     * above half of MaximumFractionalValue per source image.
     */
    static final String MAKE_FRACTIONAL = """
            import sys, os, pydicom, numpy as np
            ds = pydicom.dcmread(sys.argv[1])
            names = {}
            for f in sorted(os.listdir(sys.argv[3])):
                names[str(pydicom.dcmread(os.path.join(sys.argv[3], f), stop_before_pixels=True).SOPInstanceUID)] = f
            px = ds.pixel_array
            if px.ndim == 2: px = px[None]
            frac = (px > 0).astype(np.uint8) * 255
            for f in frac:
                on = np.flatnonzero(f)
                f.flat[on[: len(on) // 3]] = 100   # probability 100/255 < 0.5: not in the segment
                f.flat[on[len(on) // 3: len(on) // 2]] = 128
            ds.BitsAllocated = 8; ds.BitsStored = 8; ds.HighBit = 7
            ds.SegmentationType = 'FRACTIONAL'
            ds.SegmentationFractionalType = 'PROBABILITY'
            ds.MaximumFractionalValue = 255
            ds.PixelData = frac.tobytes()
            ds['PixelData'].VR = 'OB'
            ds.save_as(sys.argv[2])
            for i, fg in enumerate(ds.PerFrameFunctionalGroupsSequence):
                sop = str(fg.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID)
                print(names[sop], int((frac[i] >= 127.5).sum()))
            """;

    @Test
    void fractionalSegCountsPixelsAtHalfTheMaximumOrMore() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.run(Tools.PYTHON, "-c", "import pydicom").exitCode() == 0,
                "pydicom (python3-pydicom) writes the FRACTIONAL SEG");
        ctDataset("f", "liver");
        Path frac = dir.resolve("fractional.dcm");
        Map<String, Long> expected = new TreeMap<>();
        for (String line : Tools.python(MAKE_FRACTIONAL, TestData.path(CT + "seg_dicom/liver.dcm").toString(), frac.toString(),
                TestData.path(CT + "ct-3slice").toString()).strip().split("\n")) {
            String[] p = line.split(" ");
            expected.put(p[0] + " liver 0", Long.parseLong(p[1]));
        }
        assertTrue(Tools.output("dcmdump", frac.toString()).contains("[FRACTIONAL]"));
        ok("annotations", "import", "f", "--format", "dicom-seg", frac.toString());
        assertEquals(expected, areas("f"));
        assertEquals(24156L, expected.get("03.dcm liver 0"));
    }
}
