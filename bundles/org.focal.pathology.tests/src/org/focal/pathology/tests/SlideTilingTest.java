package org.focal.pathology.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageSource;
import org.focal.core.image.PixelBuffer;
import org.focal.core.image.PixelType;
import org.focal.core.image.ReaderRegistry;
import org.focal.pathology.slide.RoiFile;
import org.focal.pathology.slide.SlideTiling;
import org.focal.pathology.slide.TileSpec;
import org.focal.pathology.slide.TilingSettings;
import org.focal.pathology.slide.TissueDetector;
import org.focal.pathology.slide.TissueMask;
import org.focal.testing.Services;
import org.focal.testing.TestData;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tissue detection, tiling at a magnification, user regions. */
class SlideTilingTest {

    static final Path SVS = TestData.path("pathology/wsi/CMU-1-Small-Region.svs");

    @TempDir
    Path dir;

    /** White glass, a pink tissue disk, a green pen stroke through it and a black ink dot on the glass. */
    @Test
    void tissueIsFoundAndPenInkIsNot() {
        int w = 400;
        int h = 300;
        byte[] px = new byte[w * h * 3];
        int inDisk = 0;
        int diskDetected = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = {242, 242, 245};
                boolean disk = (x - 200) * (x - 200) + (y - 150) * (y - 150) < 100 * 100;
                boolean pen = Math.abs(y - 150) < 6 && x > 60 && x < 340;
                boolean ink = (x - 40) * (x - 40) + (y - 40) * (y - 40) < 15 * 15;
                if (disk) {
                    c = new int[] {225, 140, 190};
                }
                if (pen) {
                    c = new int[] {50, 150, 70};
                }
                if (ink) {
                    c = new int[] {20, 20, 25};
                }
                for (int k = 0; k < 3; k++) {
                    px[(y * w + x) * 3 + k] = (byte) c[k];
                }
            }
        }
        TissueMask.Raster mask = TissueDetector.detect(new PixelBuffer(w, h, 3, PixelType.UINT8, px), 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disk = (x - 200) * (x - 200) + (y - 150) * (y - 150) < 97 * 97;
                boolean pen = Math.abs(y - 150) < 4 && x > 62 && x < 338;
                if (disk && Math.abs(y - 150) >= 8) {
                    inDisk++;
                    diskDetected += mask.isTissue(x, y) ? 1 : 0;
                }
                if (pen || (x - 200) * (x - 200) + (y - 150) * (y - 150) > 103 * 103) {
                    assertTrue(!mask.isTissue(x, y), "glass or ink counted as tissue at " + x + "," + y);
                }
            }
        }
        assertTrue(diskDetected > 0.99 * inDisk, diskDetected + " of " + inDisk);
    }

    /**
     * On the real SVS the tissue mask agrees with an independent one: Otsu on the grey OpenSlide
     * thumbnail (scikit-image), the usual quick tissue mask.
     */
    @Test
    void tissueMaskAgreesWithOtsuOnTheSlide() throws Exception {
        TissueMask.Raster mask;
        try (ImageSource s = Services.await(ReaderRegistry.class).open(SVS)) {
            mask = TissueDetector.detect(s);
        }
        Path out = dir.resolve("otsu.txt");
        Tools.python(String.join("\n",
                "import sys, openslide, numpy as np",
                "from skimage.filters import threshold_otsu",
                "from skimage.color import rgb2gray",
                "s = openslide.OpenSlide(sys.argv[1])",
                "w, h = int(sys.argv[2]), int(sys.argv[3])",
                "g = rgb2gray(np.asarray(s.read_region((0, 0), 0, s.dimensions).convert('RGB').resize((w, h))))",
                "m = g < threshold_otsu(g)",
                "open(sys.argv[4], 'w').write(''.join('1' if v else '0' for v in m.ravel()))"),
                SVS.toString(), Integer.toString(mask.width()), Integer.toString(mask.height()), out.toString());
        String ref = Files.readString(out);
        assertEquals(mask.width() * mask.height(), ref.length());
        int both = 0;
        int either = 0;
        for (int i = 0; i < ref.length(); i++) {
            boolean a = mask.isTissue(i % mask.width(), i / mask.width());
            boolean b = ref.charAt(i) == '1';
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        double iou = both / (double) either;
        assertTrue(iou > 0.75, "IoU with Otsu " + iou);
    }

    @Test
    void tilesFollowTheSlidesPixelSize() throws Exception {
        try (ImageSource s = Services.await(ReaderRegistry.class).open(SVS)) {
            var m = s.metadata();
            TissueMask all = new TissueMask.Raster(1, 1, Math.max(m.width(), m.height()), new boolean[] {true});
            // openslide-show-properties: 2220 x 2967 at 0.499 um/px, i.e. 20x
            SlideTiling.Grid at20 = SlideTiling.tiles(SVS, m, TilingSettings.defaults(), all);
            assertEquals(1.0, at20.downsample());
            assertEquals((2220 / 512) * (2967 / 512), at20.tiles().size());
            SlideTiling.Grid at10 = SlideTiling.tiles(SVS, m, TilingSettings.defaults().withMagnification(10), all);
            assertEquals(0.5 / 0.499 * 2, at10.downsample(), 0.01);
            assertEquals(1024 * 1.002, at10.tiles().get(0).level0Size(), 3);
            assertEquals((2220 / 1026) * (2967 / 1026), at10.tiles().size());
            for (TileSpec t : at20.tiles()) {
                assertTrue(t.x() + t.level0Size() <= m.width() && t.y() + t.level0Size() <= m.height());
            }
            BadInputException tooFine = assertThrows(BadInputException.class,
                    () -> SlideTiling.tiles(SVS, m, TilingSettings.defaults().withMagnification(40), all));
            assertTrue(tooFine.getMessage().contains("CMU-1-Small-Region.svs") && tooFine.getMessage().contains("40x"),
                    tooFine.getMessage());
            BadInputException tooBig = assertThrows(BadInputException.class,
                    () -> SlideTiling.tiles(SVS, m, TilingSettings.defaults().withMagnification(5).withTileSize(1024), all));
            assertTrue(tooBig.getMessage().contains("--tile"), tooBig.getMessage());
            List<TileSpec> a = SlideTiling.tiles(SVS, m, TilingSettings.defaults().withSample(5, 7), all).tiles();
            List<TileSpec> b = SlideTiling.tiles(SVS, m, TilingSettings.defaults().withSample(5, 7), all).tiles();
            assertEquals(5, a.size());
            assertEquals(a, b);
            assertTrue(at20.tiles().containsAll(a));
        }
    }

    private static Path write(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        return file;
    }

    @Test
    void noTissueIsAClearError() throws Exception {
        try (ImageSource s = Services.await(ReaderRegistry.class).open(SVS)) {
            TissueMask none = new TissueMask.Raster(1, 1, 4000, new boolean[] {false});
            BadInputException e = assertThrows(BadInputException.class,
                    () -> SlideTiling.tiles(SVS, s.metadata(), TilingSettings.defaults(), none));
            assertTrue(e.getMessage().contains("no tile") && e.getMessage().contains("tissue"), e.getMessage());
        }
    }

    @Test
    void userRegionFromGeoJson() throws Exception {
        Path roi = dir.resolve("roi.geojson");
        Files.writeString(roi, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"objectType":"annotation"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1024,0],[1024,512],[0,512],[0,0]]]}}]}""");
        TissueMask.Region region = RoiFile.read(roi);
        assertEquals(1.0, region.fraction(0, 0, 512, 512), 1e-9);
        assertEquals(0.5, region.fraction(768, 0, 512, 512), 1e-9);
        assertEquals(0.0, region.fraction(0, 600, 512, 512), 1e-9);
        try (ImageSource s = Services.await(ReaderRegistry.class).open(SVS)) {
            TissueMask all = new TissueMask.Raster(1, 1, 4000, new boolean[] {true});
            assertEquals(2, SlideTiling.tiles(SVS, s.metadata(), TilingSettings.defaults(), all, region).tiles().size());
            // the grid starts at the region's corner and tiles lie wholly inside it
            TissueMask.Region shifted = new TissueMask.Region(region.geometry().copy());
            shifted.geometry().apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
                c.x += 300;
                c.y += 700;
            });
            shifted.geometry().geometryChanged();
            TissueMask.Region moved = new TissueMask.Region(shifted.geometry());
            List<TileSpec> tiles = SlideTiling.tiles(SVS, s.metadata(), TilingSettings.defaults(), all, moved).tiles();
            assertEquals(2, tiles.size());
            for (TileSpec t : tiles) {
                assertTrue(t.x() >= 300 && t.x() + t.level0Size() <= 1324 && t.y() >= 700 && t.y() + t.level0Size() <= 1212, t.toString());
            }
            TissueMask.Region tiny = RoiFile.read(write(dir.resolve("tiny.geojson"), 
                    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[100,0],[100,100],[0,100],[0,0]]]}"));
            BadInputException small = assertThrows(BadInputException.class,
                    () -> SlideTiling.tiles(SVS, s.metadata(), TilingSettings.defaults(), all, tiny));
            assertTrue(small.getMessage().contains("inside the region"), small.getMessage());
        }
        Path bad = dir.resolve("bad.geojson");
        Files.writeString(bad, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,");
        BadInputException e = assertThrows(BadInputException.class, () -> RoiFile.read(bad));
        assertTrue(e.getMessage().contains("bad.geojson"), e.getMessage());
        Path points = dir.resolve("points.geojson");
        Files.writeString(points, "{\"type\":\"Point\",\"coordinates\":[5,5]}");
        assertThrows(BadInputException.class, () -> RoiFile.read(points));
    }
}
