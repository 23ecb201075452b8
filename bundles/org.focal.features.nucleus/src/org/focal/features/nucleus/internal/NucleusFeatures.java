package org.focal.features.nucleus.internal;

import java.util.ArrayList;
import java.util.List;

import org.focal.features.FeatureGroup;
import org.focal.features.Summary;
import org.focal.pathology.TileAnalysis;
import org.focal.pathology.TileFeatureExtractor;
import org.osgi.service.component.annotations.Component;

/**
 * Nucleus features of a tile: {@code nucleus.count}, {@code nucleus.density} (nuclei per mm^2 of
 * the tile), then for each measure of {@link NucleusMeasurements} (area um^2, perimeter um,
 * eccentricity, major/minor axis um, solidity, circularity, hematoxylin mean/std, eosin mean,
 * hematoxylin GLCM contrast) its mean, std, p10, p50 and p90 over the tile's nuclei, e.g.
 * {@code nucleus.area.mean}. Nuclei reaching into the margin around the tile are measured whole.
 * Statistics are NaN on a tile without nuclei.
 */
@Component(service = TileFeatureExtractor.class, property = "focal.features=nucleus")
public final class NucleusFeatures extends FeatureGroup {

    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        n.add("nucleus.count");
        n.add("nucleus.density");
        for (String m : NucleusMeasurements.MEASURES) {
            n.addAll(List.of(Summary.names("nucleus." + m)));
        }
        return List.copyOf(n);
    }

    public NucleusFeatures() {
        super("nucleus", "Nucleus morphology, stain and texture (tile statistics)", NAMES);
    }

    @Override
    public double[] extract(TileAnalysis tile) {
        NucleusMeasurements m = NucleusMeasurements.measure(tile);
        double[] out = new double[NAMES.size()];
        int n = m.count();
        double coreMm2 = tile.coreWidth() * (double) tile.coreHeight() * tile.pixelSizeUm() * tile.pixelSizeUm() * 1e-6;
        out[0] = n;
        out[1] = n / coreMm2;
        double[][] values = m.values();
        for (int k = 0; k < values.length; k++) {
            Summary.of(values[k], n, out, 2 + k * Summary.STATS.length);
        }
        return out;
    }
}
