package org.focal.pathology.slide;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.focal.core.BadInputException;
import org.focal.core.image.ImageMetadata;
import org.focal.core.image.PixelCalibration;

/**
 * Sliding-window tiling of a slide's tissue at the analysis magnification. The downsample comes
 * from the slide's own pixel size (an SVS at 0.25 um/px read at 20x gives downsample 2; readers
 * pick the nearest finer pyramid level and resample). Tiles lie wholly inside the slide, do not
 * overlap, and are kept when at least {@link TilingSettings#minTissue()} of them is tissue.
 */
public final class SlideTiling {

    /** The grid of a slide. */
    public record Grid(double downsample, double slidePixelSizeUm, boolean calibrated, List<TileSpec> tiles) {
    }

    private SlideTiling() {
    }

    /** Level-0 pixels per analysis pixel for a slide, or a clear error when it cannot be analysed at that magnification. */
    public static double downsample(Path slide, ImageMetadata m, TilingSettings settings) {
        double slideUm = slidePixelSizeUm(m, settings);
        if (Double.isNaN(slideUm)) {
            return 1.0;
        }
        double downsample = settings.analysisPixelSizeUm() / slideUm;
        // a little upsampling (e.g. 0.5034 um/px scans read at 20x) is fine; more would invent detail
        if (downsample < 0.9) {
            throw BadInputException.forFile(slide, String.format(Locale.ROOT,
                    "the slide's resolution (%.3f um/px, %.1fx) is too low for analysis at %.0fx", slideUm,
                    TilingSettings.UM_AT_1X / slideUm, settings.magnification()));
        }
        return Math.abs(downsample - 1) < 0.02 ? 1.0 : downsample;
    }

    /** Pixel size of level 0 in um, the fallback for uncalibrated images, or NaN when neither is known. */
    public static double slidePixelSizeUm(ImageMetadata m, TilingSettings settings) {
        PixelCalibration c = m.calibration();
        if (c.isCalibrated()) {
            double um = switch (c.unit()) {
                case "um", "µm", "micron" -> c.x();
                case "mm" -> c.x() * 1000;
                case "nm" -> c.x() / 1000;
                default -> Double.NaN;
            };
            if (!Double.isNaN(um)) {
                return um;
            }
        }
        return settings.fallbackPixelSizeUm();
    }

    /** All kept tiles (or the seeded sample of them), in grid order, without a user region. */
    public static Grid tiles(Path slide, ImageMetadata m, TilingSettings settings, TissueMask tissue) {
        return tiles(slide, m, settings, tissue, null);
    }

    /**
     * All kept tiles (or the seeded sample of them), in grid order. With a user region the grid
     * starts at the region's top-left corner and a tile must lie wholly inside the region, so that
     * everything analysed (and every key tile shown) is inside what the user drew; tiles must also
     * hold enough tissue.
     */
    public static Grid tiles(Path slide, ImageMetadata m, TilingSettings settings, TissueMask tissue,
            TissueMask.Region region) {
        double downsample = downsample(slide, m, settings);
        int side0 = (int) Math.round(settings.tileSize() * downsample);
        if (side0 > m.width() || side0 > m.height()) {
            throw BadInputException.forFile(slide, String.format(Locale.ROOT,
                    "a %d px tile at %.0fx covers %d x %d level-0 pixels, more than the image (%d x %d); choose a smaller --tile",
                    settings.tileSize(), settings.magnification(), side0, side0, m.width(), m.height()));
        }
        int originX = 0;
        int originY = 0;
        if (region != null) {
            var box = region.geometry().getEnvelopeInternal();
            originX = Math.max(0, (int) Math.floor(box.getMinX()));
            originY = Math.max(0, (int) Math.floor(box.getMinY()));
        }
        int columns = (m.width() - originX) / side0;
        int rows = (m.height() - originY) / side0;
        List<TileSpec> kept = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < columns; col++) {
                int x = originX + col * side0;
                int y = originY + row * side0;
                if (region != null && region.fraction(x, y, side0, side0) < 0.999) {
                    continue;
                }
                double fraction = tissue.fraction(x, y, side0, side0);
                if (fraction >= settings.minTissue() && fraction > 0) {
                    kept.add(new TileSpec(row * columns + col, x, y, settings.tileSize(), downsample, fraction));
                }
            }
        }
        if (kept.isEmpty() && region != null) {
            throw new NoTissueException(slide, String.format(Locale.ROOT,
                    "no tile of %d px lies inside the region with at least %.0f%% tissue", settings.tileSize(),
                    settings.minTissue() * 100));
        }
        if (kept.isEmpty()) {
            throw new NoTissueException(slide, String.format(Locale.ROOT,
                    "no tile of %d px has at least %.0f%% tissue (tissue covers %.1f%% of the image)", settings.tileSize(),
                    settings.minTissue() * 100, tissue.tissueFraction(m.width(), m.height()) * 100));
        }
        if (settings.sample() > 0 && kept.size() > settings.sample()) {
            List<TileSpec> shuffled = new ArrayList<>(kept);
            Collections.shuffle(shuffled, new Random(settings.seed()));
            kept = new ArrayList<>(shuffled.subList(0, settings.sample()));
            kept.sort((a, b) -> Integer.compare(a.index(), b.index()));
        }
        double slideUm = slidePixelSizeUm(m, settings);
        return new Grid(downsample, Double.isNaN(slideUm) ? settings.analysisPixelSizeUm() : slideUm,
                !Double.isNaN(slideUm), List.copyOf(kept));
    }
}
