package org.focal.features.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.focal.features.nucleus.internal.NucleusMeasurements;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.focal.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MoNuSeg tile (with margin) against scikit-image / SciPy / numpy run now with Debian's
 * python3 on the same hematoxylin, eosin and label images: regionprops per nucleus, graycomatrix /
 * graycoprops on the same quantised tile, local_binary_pattern 'uniform', filters.sobel, label.
 * Tolerances: values defined identically are compared to 1e-9 (GLCM, LBP, pixel counts, moments,
 * perimeter, convex-hull pixels, so solidity); float32-vs-double sums to 1e-5; histogram percentiles to 1.5 bins.
 */
class SkimageAgreementTest {

    private static final String SCRIPT = """
            import sys
            import numpy as np
            from scipy import ndimage as ndi
            from skimage.feature import graycomatrix, graycoprops, local_binary_pattern
            from skimage.filters import sobel
            from skimage.measure import label, regionprops
            d = sys.argv[1]
            W, H, cx, cy, cw, ch = map(int, sys.argv[2:8])
            px = float(sys.argv[8])
            h = np.fromfile(d + '/h.f32', '<f4').reshape(H, W)
            e = np.fromfile(d + '/e.f32', '<f4').reshape(H, W)
            lab = np.fromfile(d + '/labels.i32', '<i4').reshape(H, W)
            keep = [int(v) for v in open(d + '/nuclei.txt').read().split()]
            core = (slice(cy, cy + ch), slice(cx, cx + cw))
            def out(name, *values):
                print(name, ' '.join(repr(float(v)) for v in values))
            for stain, img in (('h', h), ('e', e)):
                v = img[core].astype(np.float64)
                out('tile.' + stain, v.mean(), v.std(), *np.percentile(v, [10, 50, 90]))
            q = np.clip(np.floor(h[core].astype(np.float64) * (32 / 1.5)), 0, 31).astype(np.uint8)
            P = graycomatrix(q, [1], [0, np.pi / 4, np.pi / 2, 3 * np.pi / 4], levels=32, symmetric=True, normed=True)
            ent = np.mean([-(P[:, :, 0, a][P[:, :, 0, a] > 0] * np.log(P[:, :, 0, a][P[:, :, 0, a] > 0])).sum() for a in range(4)])
            out('tile.glcm', *[graycoprops(P, p)[0].mean() for p in ('contrast', 'correlation', 'energy', 'ASM', 'homogeneity')], ent)
            lbp = local_binary_pattern(h, 8, 1, 'uniform')[core].astype(int)
            out('tile.lbp', *(np.bincount(lbp.ravel(), minlength=10) / lbp.size))
            g = sobel(h)[core].astype(np.float64)
            out('tile.gradient', g.mean(), g.std(), np.percentile(g, 90))
            hp = h[core] >= np.float32(0.4)
            regions = label(hp, connectivity=2).max()
            out('tile.stained', hp.mean(), (e[core] >= np.float32(0.2)).mean(), regions, hp.sum() / max(regions, 1))
            hs = ndi.standard_deviation(h.astype(np.float64), lab, keep)
            em = ndi.mean(e.astype(np.float64), lab, keep)
            # intra-nucleus GLCM contrast: pixel pairs inside one nucleus, four directions, averaged
            qa = np.clip(np.floor(h.astype(np.float64) * (32 / 1.5)), 0, 31)
            sums, counts = [], []
            for dy, dx in ((0, 1), (1, 1), (1, 0), (1, -1)):
                a = lab[0:H - dy, max(0, -dx):W - max(0, dx)]
                b = lab[dy:H, max(0, dx):W - max(0, -dx) if dx < 0 else W]
                qa_ = qa[0:H - dy, max(0, -dx):W - max(0, dx)]
                qb_ = qa[dy:H, max(0, dx):W - max(0, -dx) if dx < 0 else W]
                same = (a == b) & (a > 0)
                sums.append(np.bincount(a[same], weights=(qa_[same] - qb_[same]) ** 2, minlength=lab.max() + 1))
                counts.append(np.bincount(a[same], minlength=lab.max() + 1))
            for i, r in enumerate(p for p in regionprops(lab, intensity_image=h) if p.label in set(keep)):
                k = keep.index(r.label)
                per = [s[r.label] / c[r.label] for s, c in zip(sums, counts) if c[r.label] > 0]
                out('nucleus %d' % r.label, r.area, r.perimeter, r.eccentricity, r.major_axis_length, r.minor_axis_length,
                    r.solidity, r.mean_intensity, hs[k], em[k], np.mean(per) if per else np.nan)
            """;

    @Test
    void tileAndNucleusFeaturesAgreeWithScikitImage(@TempDir Path dir) throws IOException {
        TileAnalysis tile = RealTile.get().tile();
        int w = tile.width(), h = tile.height();
        writeFloats(dir.resolve("h.f32"), tile.stains().hematoxylin());
        writeFloats(dir.resolve("e.f32"), tile.stains().eosin());
        ByteBuffer lab = ByteBuffer.allocate(4 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        lab.asIntBuffer().put(tile.labels());
        Files.write(dir.resolve("labels.i32"), lab.array());
        NucleusMeasurements m = NucleusMeasurements.measure(tile);
        assertTrue(m.count() > 50, "nuclei in the tile: " + m.count());
        StringBuilder keep = new StringBuilder();
        for (int i = 0; i < m.count(); i++) {
            keep.append(m.label(i)).append('\n');
        }
        Files.writeString(dir.resolve("nuclei.txt"), keep);
        String output = Tools.python(SCRIPT, dir.toString(), "" + w, "" + h, "" + tile.coreX(), "" + tile.coreY(),
                "" + tile.coreWidth(), "" + tile.coreHeight(), "" + tile.pixelSizeUm());
        Map<String, double[]> ref = new HashMap<>();
        for (String line : output.split("\n")) {
            int cut = line.startsWith("nucleus ") ? line.indexOf(' ', 8) : line.indexOf(' ');
            String[] parts = line.substring(cut + 1).trim().split(" ");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            ref.put(line.substring(0, cut), v);
        }

        TileFeatureExtractor tf = Tiles.extractor("tile");
        double[] t = tf.extract(tile);
        String[] stats = {"mean", "std", "p10", "p50", "p90"};
        for (String stain : new String[] {"h", "e"}) {
            double[] r = ref.get("tile." + stain);
            for (int k = 0; k < 5; k++) {
                double tol = k < 2 ? 1e-5 : 1.5 / 1024; // percentiles from a 1/1024-OD histogram
                assertEquals(r[k], Tiles.value(tf, t, "tile." + stain + "." + stats[k]), tol, "tile." + stain + "." + stats[k]);
            }
        }
        String[] glcm = {"contrast", "correlation", "energy", "asm", "homogeneity", "entropy"};
        for (int k = 0; k < glcm.length; k++) {
            assertEquals(ref.get("tile.glcm")[k], Tiles.value(tf, t, "tile.h.glcm." + glcm[k]), 1e-9, glcm[k]);
        }
        for (int k = 0; k < 10; k++) {
            assertEquals(ref.get("tile.lbp")[k], Tiles.value(tf, t, "tile.h.lbp." + k), 1e-9, "lbp " + k);
        }
        double[] g = ref.get("tile.gradient");
        assertEquals(g[0], Tiles.value(tf, t, "tile.h.gradient.mean"), 1e-5);
        assertEquals(g[1], Tiles.value(tf, t, "tile.h.gradient.std"), 1e-5);
        assertEquals(g[2], Tiles.value(tf, t, "tile.h.gradient.p90"), 1.5 / 2048);
        double[] st = ref.get("tile.stained");
        double um2 = RealTile.PX * RealTile.PX;
        assertEquals(st[0], Tiles.value(tf, t, "tile.h.positive.fraction"), 1e-12);
        assertEquals(st[1], Tiles.value(tf, t, "tile.e.positive.fraction"), 1e-12);
        assertEquals(st[2] / (512 * 512 * um2 * 1e-6), Tiles.value(tf, t, "tile.h.regions.per_mm2"), 1e-6);
        assertEquals(st[3] * um2, Tiles.value(tf, t, "tile.h.regions.area.mean"), 1e-9);

        // per nucleus: regionprops on the same label image
        double[][] v = m.values();
        for (int i = 0; i < m.count(); i++) {
            double[] r = ref.get("nucleus " + m.label(i));
            String at = "nucleus " + m.label(i);
            assertEquals(r[0] * um2, v[NucleusMeasurements.AREA][i], 1e-9, at + " area");
            assertEquals(r[1] * RealTile.PX, v[NucleusMeasurements.PERIMETER][i], 1e-9, at + " perimeter");
            assertEquals(r[2], v[NucleusMeasurements.ECCENTRICITY][i], 1e-7, at + " eccentricity");
            assertEquals(r[3] * RealTile.PX, v[NucleusMeasurements.MAJOR][i], 1e-7, at + " major axis");
            assertEquals(r[4] * RealTile.PX, v[NucleusMeasurements.MINOR][i], 1e-7, at + " minor axis");
            assertEquals(r[5], v[NucleusMeasurements.SOLIDITY][i], 1e-9, at + " solidity");
            assertEquals(r[6], v[NucleusMeasurements.H_MEAN][i], 1e-6, at + " H mean");
            assertEquals(r[7], v[NucleusMeasurements.H_STD][i], 1e-5, at + " H std");
            assertEquals(r[8], v[NucleusMeasurements.E_MEAN][i], 1e-6, at + " E mean");
            assertEquals(r[9], v[NucleusMeasurements.H_CONTRAST][i], 1e-9, at + " H GLCM contrast");
        }
        // the aggregated row uses the same per-nucleus values
        TileFeatureExtractor nf = Tiles.extractor("nucleus");
        double[] n = nf.extract(tile);
        assertEquals(m.count(), Tiles.value(nf, n, "nucleus.count"));
        double areaMean = ref.entrySet().stream().filter(e -> e.getKey().startsWith("nucleus "))
                .collect(Collectors.averagingDouble(e -> e.getValue()[0])) * um2;
        assertEquals(areaMean, Tiles.value(nf, n, "nucleus.area.mean"), 1e-9);
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
