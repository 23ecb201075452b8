package org.focal.formats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.core.export.Exporter;
import org.focal.core.export.ImportContext;
import org.focal.core.export.Importer;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;
import org.focal.store.json.GeometryJson;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Masks in COCO (RLE) and Pascal VOC (palette PNGs), polygons with holes, VOC object attributes; on
 * the real label maps of the dcmqi CT and the BCCD VOC set. Written files are checked by Python
 * readers of the published formats (an RLE decoder written from pycocotools' C source, Pillow).
 */
class MaskFormatsTest {

    static final String CT = "radiology/ct-3slice-liver-seg/";

    /**
     * A validator of the COCO format as published (cocodataset.org/#format-data and pycocotools'
     * maskApi.c): structure, ids, references, polygon shape, RLE size and counts, bbox and area of
     * RLE masks. Prints "id area" per annotation, then "ok".
     */
    static final String COCO_VALIDATOR = """
            import sys, json
            import numpy as np
            d = json.load(open(sys.argv[1]))
            for k in ('images', 'annotations', 'categories'):
                assert isinstance(d[k], list), k
            imgs = {}
            for i in d['images']:
                assert isinstance(i['id'], int) and i['id'] not in imgs, i
                assert isinstance(i['file_name'], str) and i['width'] > 0 and i['height'] > 0, i
                imgs[i['id']] = i
            cats = {c['id'] for c in d['categories']}
            assert len(cats) == len(d['categories'])
            assert all(isinstance(c['name'], str) for c in d['categories'])
            def frString(s):
                cnts, p = [], 0
                while p < len(s):
                    x, k, more = 0, 0, 1
                    while more:
                        c = ord(s[p]) - 48
                        x |= (c & 0x1f) << 5 * k
                        more = c & 0x20
                        p += 1; k += 1
                        if not more and (c & 0x10): x |= -1 << 5 * k
                    if len(cnts) > 2: x += cnts[-2]
                    cnts.append(x)
                return cnts
            ids = set()
            for a in d['annotations']:
                assert isinstance(a['id'], int) and a['id'] not in ids, a['id']
                ids.add(a['id'])
                im = imgs[a['image_id']]
                assert a['category_id'] in cats
                assert a['iscrowd'] in (0, 1)
                x, y, w, h = a['bbox']
                assert w >= 0 and h >= 0
                s = a['segmentation']
                if isinstance(s, dict):
                    H, W = s['size']
                    assert [H, W] == [im['height'], im['width']], (s['size'], im)
                    cnts = frString(s['counts']) if isinstance(s['counts'], str) else s['counts']
                    assert all(c >= 0 for c in cnts) and sum(cnts) == H * W, 'counts must cover the mask'
                    flat = np.zeros(H * W, dtype=np.uint8)
                    pos = 0
                    for j, c in enumerate(cnts):
                        if j % 2: flat[pos:pos + c] = 1
                        pos += c
                    m = flat.reshape((W, H)).T
                    area = int(m.sum())
                    assert abs(a['area'] - area) < 1e-6, (a['area'], area)
                    ys, xs = np.nonzero(m)
                    assert [x, y, w, h] == [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)], (a['bbox'])
                    print(a['id'], area)
                else:
                    assert isinstance(s, list) and s, a['id']
                    for poly in s:
                        assert len(poly) >= 6 and len(poly) % 2 == 0 and all(isinstance(v, (int, float)) for v in poly)
                        assert all(x - 1e-6 <= v <= x + w + 1e-6 for v in poly[0::2])
                        assert all(y - 1e-6 <= v <= y + h + 1e-6 for v in poly[1::2])
                    print(a['id'], a['area'])
            print('ok')
            """;

    @TempDir
    Path dir;

    /** The liver/spine label map imported onto the three CT files (opened by Focal's DICOM reader). */
    DatasetContent liverSpine() throws Exception {
        ReaderRegistry readers = Services.await(ReaderRegistry.class);
        List<ImportContext.Target> targets = new ArrayList<>();
        for (String f : List.of("01.dcm", "02.dcm", "03.dcm")) {
            try (ImageSource s = readers.open(TestData.path(CT + "ct-3slice/" + f))) {
                targets.add(new ImportContext.Target(f, s.metadata()));
            }
        }
        ImportContext ctx = new ImportContext("ct", LabelSet.ofNames(List.of("liver", "spine")), targets, Map.of("map", "1=liver,2=spine"));
        Importer importer = Services.await(Importer.class, "(focal.format=nrrd-labels)");
        return importer.read(TestData.path(CT + "seg_nrrd/liver_spine_seg.nrrd"), ctx, ProgressMonitor.NULL);
    }

    static Map<String, Long> areas(DatasetContent c) {
        Map<String, Long> out = new TreeMap<>();
        for (DatasetContent.Image i : c.images()) {
            for (Annotation a : i.annotations()) {
                out.merge(Formats.fileName(i.path()) + " " + a.label(), Math.round(a.geometry().getArea()), Long::sum);
            }
        }
        return out;
    }

    @Test
    void maskOutlineAndRasterAreExactInverses() throws Exception {
        for (DatasetContent.Image i : liverSpine().images()) {
            for (Annotation a : i.annotations()) {
                BitSet bits = Masks.raster(a.geometry(), i.width(), i.height());
                assertEquals(Math.round(a.geometry().getArea()), bits.cardinality());
                Geometry back = Masks.outline(i.width(), i.height(), (x, y) -> bits.get(y * i.width() + x));
                assertTrue(back.equalsTopo(a.geometry()));
                long[] runs = CocoRle.runs(bits, i.width(), i.height());
                assertArrayEquals(runs, CocoRle.decompress(CocoRle.compress(runs)));
            }
        }
    }

    @Test
    void cocoWritesMasksAsRleAndReadsThemBack() throws Exception {
        DatasetContent in = liverSpine();
        Map<String, Long> expected = areas(in);
        assertEquals(6, expected.size());
        assertEquals(36233L, expected.get("03.dcm liver"));
        Path out = dir.resolve("coco.json");
        Services.await(Exporter.class, "(focal.format=coco)").export(in, out, ProgressMonitor.NULL);
        var root = Formats.JSON.readTree(out.toFile());
        assertTrue(root.get("annotations").get(0).get("segmentation").get("counts").isTextual());
        String report = Tools.python(COCO_VALIDATOR, out.toString());
        assertTrue(report.strip().endsWith("ok"), report);
        long sum = report.lines().filter(l -> !l.equals("ok")).mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
        assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), sum);

        DatasetContent back = CocoFormat.read(out, ProgressMonitor.NULL);
        assertEquals(expected, areas(back));
        assertTrue(back.images().stream().flatMap(i -> i.annotations().stream()).allMatch(a -> a.kind() == AnnotationKind.MASK));
        assertEquals(Task.SEGMENTATION, back.dataset().task());

        // uncompressed RLE (list counts, as COCO's iscrowd ground truth) written by numpy from the label map itself
        Path plain = dir.resolve("plain.json");
        Tools.python("""
                import sys, gzip, json, numpy as np
                b = open(sys.argv[1], 'rb').read(); end = b.index(b'\\n\\n')
                a = np.frombuffer(gzip.decompress(b[end + 2:]), dtype='<i2').reshape(3, 512, 512)
                m = (a[0] == 1).T.flatten()
                counts, last, run = [], 0, 0
                for v in m:
                    if v != last: counts.append(run); run = 0; last = v
                    run += 1
                counts.append(run)
                d = {'images': [{'id': 1, 'file_name': '03.dcm', 'width': 512, 'height': 512}],
                     'categories': [{'id': 1, 'name': 'liver'}],
                     'annotations': [{'id': 1, 'image_id': 1, 'category_id': 1, 'iscrowd': 1, 'area': int(m.sum()),
                                      'bbox': [0, 0, 1, 1], 'segmentation': {'size': [512, 512], 'counts': [int(c) for c in counts]}}]}
                json.dump(d, open(sys.argv[2], 'w'))
                """, TestData.path(CT + "seg_nrrd/liver_spine_seg.nrrd").toString(), plain.toString());
        DatasetContent fromPlain = CocoFormat.read(plain, ProgressMonitor.NULL);
        assertEquals(Map.of("03.dcm liver", 36233L), areas(fromPlain));
    }

    @Test
    void cocoPolygonsKeepTheirHoles() throws Exception {
        // real outlines with holes: the spine masks (vertebra rings around the canal) as polygons
        List<Annotation> polygons = new ArrayList<>();
        int holes = 0;
        for (DatasetContent.Image i : liverSpine().images()) {
            for (Annotation a : i.annotations()) {
                for (int g = 0; g < a.geometry().getNumGeometries(); g++) {
                    holes += ((Polygon) a.geometry().getGeometryN(g)).getNumInteriorRing();
                }
                polygons.add(new Annotation(a.id(), AnnotationKind.POLYGON, a.geometry(), ImagePlane.DEFAULT, a.label(), a.source(),
                        a.author(), a.confidence(), a.state(), a.created(), a.modified()));
            }
        }
        Polygon donut = GeometryJson.FACTORY.createPolygon(Formats.box(10, 10, 60, 60).getExteriorRing(),
                new org.locationtech.jts.geom.LinearRing[] {Formats.box(20, 20, 30, 30).getExteriorRing(),
                    Formats.box(40, 40, 50, 50).getExteriorRing()});
        polygons.add(Annotation.manual(AnnotationKind.POLYGON, donut, ImagePlane.DEFAULT, "liver", null));
        assertTrue(holes > 0, "the real masks have holes");
        DatasetContent c = new DatasetContent(new Dataset("p", "", Task.SEGMENTATION, LabelSet.ofNames(List.of("liver", "spine")), null),
                List.of(new DatasetContent.Image("1", "x.png", 512, 512, 1, Map.of(), polygons)));
        Path out = dir.resolve("poly.json");
        CocoFormat.export(c, out, ProgressMonitor.NULL);
        String report = Tools.python(COCO_VALIDATOR, out.toString());
        assertTrue(report.strip().endsWith("ok"), report);
        List<Annotation> back = CocoFormat.read(out, ProgressMonitor.NULL).images().get(0).annotations();
        assertEquals(polygons.size(), back.size());
        for (int k = 0; k < polygons.size(); k++) {
            assertEquals(polygons.get(k).geometry().getArea(), back.get(k).geometry().getArea(), 1e-6, "annotation " + k);
            assertTrue(back.get(k).geometry().equalsTopo(polygons.get(k).geometry()), "annotation " + k);
        }
        assertEquals(2, ((Polygon) back.get(back.size() - 1).geometry()).getNumInteriorRing());
    }

    @Test
    void vocWritesPaletteSegmentationPngs() throws Exception {
        DatasetContent in = liverSpine();
        Path out = dir.resolve("voc");
        VocFormat.export(in, out, ProgressMonitor.NULL);
        for (String f : List.of("01", "02", "03")) {
            assertTrue(Files.isRegularFile(out.resolve("SegmentationClass/" + f + ".png")));
            assertTrue(Files.isRegularFile(out.resolve("SegmentationObject/" + f + ".png")));
            assertTrue(Files.readString(out.resolve("Annotations/" + f + ".xml")).contains("<segmented>1</segmented>"));
        }
        assertEquals(List.of("01", "02", "03"),
                Files.readAllLines(out.resolve("ImageSets/Segmentation/trainval.txt")).stream().sorted().toList());
        // Pillow reads the palette PNGs: mode P, VOC colours, class pixel counts = the label map's (numpy)
        String counts = Tools.python("""
                import sys, gzip, numpy as np
                from PIL import Image
                b = open(sys.argv[2], 'rb').read(); end = b.index(b'\\n\\n')
                a = np.frombuffer(gzip.decompress(b[end + 2:]), dtype='<i2').reshape(3, 512, 512)
                for z, f in enumerate(['03', '02', '01']):
                    im = Image.open(sys.argv[1] + '/SegmentationClass/' + f + '.png')
                    assert im.mode == 'P'
                    pal = im.getpalette()
                    assert pal[3:6] == [128, 0, 0] and pal[6:9] == [0, 128, 0], pal[:9]
                    c = np.array(im)
                    o = np.array(Image.open(sys.argv[1] + '/SegmentationObject/' + f + '.png'))
                    assert (c == 1).sum() == (a[z] == 1).sum() and (c == 2).sum() == (a[z] == 2).sum()
                    assert ((c == 1) == (a[z] == 1)).all() and ((o > 0) == (a[z] > 0)).all()
                    print(f, int((c == 1).sum()), int((c == 2).sum()), len(np.unique(o)) - 1)
                """, out.toString(), TestData.path(CT + "seg_nrrd/liver_spine_seg.nrrd").toString());
        assertEquals(3, counts.strip().lines().count(), counts);
        assertTrue(counts.contains("03 36233 4135 2"), counts);
    }

    @Test
    void vocKeepsPoseTruncatedAndDifficult() throws Exception {
        Path bccd = TestData.path("microscopy/bccd-voc");
        DatasetContent in = VocFormat.read(bccd, ProgressMonitor.NULL);
        Path out = dir.resolve("voc");
        VocFormat.export(in, out, ProgressMonitor.NULL);
        // the same object attributes, file by file, in document order (JDK DOM)
        int objects = 0;
        try (var files = Files.list(bccd.resolve("Annotations"))) {
            for (Path f : files.sorted().toList()) {
                List<String> a = attributes(f);
                Path written = out.resolve("Annotations").resolve(f.getFileName());
                if (!Files.exists(written)) {
                    continue;
                }
                assertEquals(a, attributes(written), f.toString());
                objects += a.size();
            }
        }
        assertTrue(objects > 3000, "objects " + objects);
        // difficult, a pose and truncated flags against the border rule survive too (the set has none: edit one file)
        Path one = dir.resolve("one/Annotations");
        Files.createDirectories(one);
        Path src;
        try (var files = Files.list(bccd.resolve("Annotations"))) {
            src = files.sorted().findFirst().orElseThrow();
        }
        String flipped = Files.readString(src).replace("<truncated>0</truncated>", "<truncated>x</truncated>")
                .replace("<truncated>1</truncated>", "<truncated>0</truncated>").replace("<truncated>x</truncated>", "<truncated>1</truncated>")
                .replaceFirst("<difficult>0</difficult>", "<difficult>1</difficult>").replaceFirst("<pose>Unspecified</pose>", "<pose>Left</pose>");
        Files.writeString(one.resolve(src.getFileName()), flipped);
        Path out2 = dir.resolve("voc2");
        VocFormat.export(VocFormat.read(one.getParent(), ProgressMonitor.NULL), out2, ProgressMonitor.NULL);
        String x = Files.readString(out2.resolve("Annotations").resolve(src.getFileName()));
        assertTrue(x.contains("<difficult>1</difficult>") && x.contains("<pose>Left</pose>"), x);
        List<String> expected = attributes(one.resolve(src.getFileName()));
        assertEquals(expected, attributes(out2.resolve("Annotations").resolve(src.getFileName())));
        assertTrue(expected.stream().anyMatch(a -> a.endsWith("|nb1")), "a truncated box away from the border stays truncated");
        assertFalse(Files.exists(out2.resolve("SegmentationClass")), "boxes only: no segmentation PNGs");
    }

    /** "pose|truncated|difficult|nbT" per object, T = 1 when the box does not touch the image border but is truncated. */
    static List<String> attributes(Path xml) throws Exception {
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        int w = Integer.parseInt(doc.getElementsByTagName("width").item(0).getTextContent().strip());
        int h = Integer.parseInt(doc.getElementsByTagName("height").item(0).getTextContent().strip());
        List<String> out = new ArrayList<>();
        var objects = doc.getElementsByTagName("object");
        for (int i = 0; i < objects.getLength(); i++) {
            var o = (org.w3c.dom.Element) objects.item(i);
            String t = text(o, "truncated");
            double xmin = Double.parseDouble(text(o, "xmin"));
            double ymin = Double.parseDouble(text(o, "ymin"));
            double xmax = Double.parseDouble(text(o, "xmax"));
            double ymax = Double.parseDouble(text(o, "ymax"));
            if (xmax <= xmin || ymax <= ymin) {
                continue; // degenerate boxes are skipped on import
            }
            boolean touches = xmin <= 1 || ymin <= 1 || xmax >= w || ymax >= h;
            out.add(text(o, "pose") + "|" + t + "|" + text(o, "difficult") + "|nb" + ("1".equals(t) && !touches ? 1 : 0));
        }
        return out;
    }

    static String text(org.w3c.dom.Element e, String tag) {
        var n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }
}
