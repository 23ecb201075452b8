package org.focal.pathology.internal;

import java.util.ArrayList;
import java.util.List;

import org.focal.core.image.PixelBuffer;
import org.focal.pathology.ColorDeconvolution;
import org.focal.pathology.Nucleus;
import org.focal.pathology.NucleusParameters;
import org.focal.pathology.NucleusSegmenter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.osgi.service.component.annotations.Component;

import ij.gui.Wand;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.MaximumFinder;
import ij.process.AutoThresholder;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * Classical nucleus segmentation: hematoxylin (colour deconvolution) -&gt; Gaussian smoothing -&gt;
 * threshold (Otsu over tissue unless fixed) -&gt; hole filling -&gt; Euclidean distance map -&gt;
 * distance maxima as markers -&gt; marker-controlled watershed on the distance map -&gt; opening of
 * each nucleus -&gt; optional expansion -&gt; size filter -&gt; contrast against the surrounding ring
 * -&gt; pixel-edge outlines. ImageJ 1.x does the smoothing, Otsu, distance
 * map, maxima finding and outline tracing; the watershed, hole filling and labelling are written
 * here because ImageJ's watershed draws 1-pixel separation lines and works on whole binary images
 * only, and these loops are simple and hot.
 */
@Component(service = NucleusSegmenter.class, property = "focal.segmenter=classical")
public final class ClassicalNucleusSegmenter implements NucleusSegmenter {

    static {
        // Focal parallelises over tiles; ImageJ's filters must not start threads of their own.
        ij.Prefs.setThreads(1);
    }

    /** Pixels whose summed R+G+B optical density is below this are glass, not tissue (Otsu ignores them). */
    static final float TISSUE_OD = 0.25f;
    /** Histogram range of the hematoxylin image for the automatic threshold. */
    static final float HIST_MAX_OD = 1.5f;

    /** Width of the background ring a nucleus is compared with ({@link NucleusParameters#ringContrast()}). */
    static final double RING_UM = 0.5;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Time spent per stage in nanoseconds, for the benchmark; null when not measured. */
    public static final class StageTimes {
        public long deconvolution;
        public long smoothing;
        public long threshold;
        public long distance;
        public long markers;
        public long watershed;
        public long outlines;
    }

    @Override
    public String id() {
        return "classical";
    }

    @Override
    public String displayName() {
        return "Classical (threshold + distance watershed)";
    }

    @Override
    public NucleusParameters prepare(PixelBuffer overview, double downsample, double pixelSizeUm, NucleusParameters params) {
        NucleusParameters p = NucleusSegmenter.super.prepare(overview, downsample, pixelSizeUm, params);
        if (Double.isNaN(p.threshold())) {
            float[] h = ColorDeconvolution.hematoxylin(overview, p.stains());
            smooth(h, overview.width(), overview.height(), p.smoothingUm() / (pixelSizeUm * downsample));
            p = p.withThreshold(otsu(overview, h) * p.thresholdScale());
        }
        return p;
    }

    @Override
    public TileSegmentation segment(PixelBuffer rgb, int originX, int originY, double pixelSizeUm, NucleusParameters params) {
        return segment(rgb, originX, originY, pixelSizeUm, params, null);
    }

    public TileSegmentation segment(PixelBuffer rgb, int originX, int originY, double pixelSizeUm, NucleusParameters params,
            StageTimes times) {
        if (params.stains() == null) {
            params = prepare(rgb, 1, pixelSizeUm, params);
        }
        int w = rgb.width();
        int h = rgb.height();
        int n = w * h;
        long t0 = System.nanoTime();
        float[] hema = ColorDeconvolution.hematoxylin(rgb, params.stains());
        long t1 = System.nanoTime();
        float[] smooth = hema.clone();
        smooth(smooth, w, h, params.smoothingUm() / pixelSizeUm);
        long t2 = System.nanoTime();
        double threshold = Double.isNaN(params.threshold()) ? otsu(rgb, smooth) * params.thresholdScale() : params.threshold();
        byte[] mask = new byte[n];
        for (int i = 0; i < n; i++) {
            if (smooth[i] > threshold) {
                mask[i] = (byte) 255;
            }
        }
        double localSigma = params.localContrastUm() / pixelSizeUm;
        if (localSigma > 0) {
            float ratio = (float) params.localContrastRatio();
            float[] background = hema.clone();
            smooth(background, w, h, localSigma);
            for (int i = 0; i < n; i++) {
                if (smooth[i] < ratio * background[i]) {
                    mask[i] = 0;
                }
            }
        }
        Labels.fillHoles(mask, w, h);
        long t3 = System.nanoTime();
        float[] edm = Labels.edm(mask, w, h);
        long t4 = System.nanoTime();
        double tolerancePx = params.splitToleranceUm() / pixelSizeUm;
        ByteProcessor maxima = new MaximumFinder().findMaxima(new FloatProcessor(w, h, edm), tolerancePx, 1e-6,
                MaximumFinder.SINGLE_POINTS, false, true);
        long t5 = System.nanoTime();
        int[] labels = new int[n];
        int seeds = Labels.seeds((byte[]) maxima.getPixels(), mask, labels);
        int count = Watershed.floodDescending(edm, mask, labels, w, h, seeds);
        count = Labels.labelUnseeded(mask, labels, w, h, count);
        double openingPx = params.openingUm() / pixelSizeUm;
        if (openingPx > 0) {
            Labels.open(labels, w, h, openingPx, count);
        }
        int expandPx = (int) Math.round(params.expandUm() / pixelSizeUm);
        if (expandPx > 0) {
            Labels.expand(labels, w, h, expandPx);
        }
        double pixelArea = pixelSizeUm * pixelSizeUm;
        int minPixels = (int) Math.ceil(params.minAreaUm2() / pixelArea);
        int maxPixels = (int) Math.floor(params.maxAreaUm2() / pixelArea);
        Labels.Stats stats = Labels.stats(labels, hema, w, h, count);
        count = Labels.filterBySize(labels, stats, minPixels, maxPixels);
        stats = Labels.stats(labels, hema, w, h, count);
        if (params.ringContrast() > 0) {
            int ringPx = Math.max(1, (int) Math.round(RING_UM / pixelSizeUm));
            count = Labels.filterByRingContrast(labels, hema, stats, w, h, ringPx, params.ringContrast());
            stats = Labels.stats(labels, hema, w, h, count);
        }
        long t6 = System.nanoTime();
        List<Nucleus> nuclei = outlines(labels, stats, w, h, originX, originY);
        long t7 = System.nanoTime();
        if (times != null) {
            times.deconvolution += t1 - t0;
            times.smoothing += t2 - t1;
            times.threshold += t3 - t2;
            times.distance += t4 - t3;
            times.markers += t5 - t4;
            times.watershed += t6 - t5;
            times.outlines += t7 - t6;
        }
        return new TileSegmentation(nuclei, w, h, labels, hema, threshold);
    }

    static void smooth(float[] pixels, int w, int h, double sigmaPx) {
        if (sigmaPx >= 0.3) {
            new GaussianBlur().blurGaussian(new FloatProcessor(w, h, pixels), sigmaPx, sigmaPx, 0.002);
        }
    }

    /** Otsu threshold (ImageJ's) of the hematoxylin image over tissue pixels, in optical density. */
    static double otsu(PixelBuffer rgb, float[] hema) {
        byte[] p = (byte[]) rgb.data();
        int[] histogram = new int[256];
        float binsPerOd = 256 / HIST_MAX_OD;
        int tissue = 0;
        for (int i = 0, j = 0; i < hema.length; i++, j += 3) {
            float od = ColorDeconvolution.opticalDensity(p[j]) + ColorDeconvolution.opticalDensity(p[j + 1])
                    + ColorDeconvolution.opticalDensity(p[j + 2]);
            if (od >= TISSUE_OD) {
                histogram[Math.min(255, (int) (hema[i] * binsPerOd))]++;
                tissue++;
            }
        }
        if (tissue < 64) {
            return HIST_MAX_OD; // glass only: nothing can pass
        }
        int level = AutoThresholder.Otsu(histogram);
        return (level + 1) / binsPerOd;
    }

    private static List<Nucleus> outlines(int[] labels, Labels.Stats stats, int w, int h, int originX, int originY) {
        List<Nucleus> nuclei = new ArrayList<>(stats.count());
        if (stats.count() == 0) {
            return nuclei;
        }
        float[] asFloat = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            asFloat[i] = labels[i];
        }
        Wand wand = new Wand(new FloatProcessor(w, h, asFloat));
        for (int label = 1; label <= stats.count(); label++) {
            int first = stats.first()[label];
            wand.autoOutline(first % w, first / w, label, label, Wand.FOUR_CONNECTED);
            int np = wand.npoints;
            Coordinate[] ring = new Coordinate[np + 1];
            for (int k = 0; k < np; k++) {
                ring[k] = new Coordinate(wand.xpoints[k] + originX, wand.ypoints[k] + originY);
            }
            ring[np] = ring[0].copy();
            Polygon outline = GEOMETRY.createPolygon(ring);
            int area = stats.area()[label];
            nuclei.add(new Nucleus(outline, label, area, originX + stats.sumX()[label] / area + 0.5,
                    originY + stats.sumY()[label] / area + 0.5, stats.sumH()[label] / area));
        }
        return nuclei;
    }
}
