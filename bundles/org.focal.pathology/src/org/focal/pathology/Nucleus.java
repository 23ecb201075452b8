package org.focal.pathology;

import java.util.LinkedHashMap;
import java.util.Map;

import org.locationtech.jts.geom.Polygon;

/**
 * One segmented nucleus. The outline follows pixel edges, in level-0 pixel coordinates where pixel
 * (x, y) is the unit square [x, x+1] x [y, y+1] (QuPath's convention).
 *
 * @param outline the nucleus outline, no holes
 * @param label the nucleus's value in the label image of its tile (1..n), 0 when not from a label image
 * @param areaPixels number of pixels
 * @param centroidX centroid of the pixel centres, level-0 x
 * @param centroidY centroid of the pixel centres, level-0 y
 * @param meanHematoxylin mean hematoxylin optical density over the nucleus
 */
public record Nucleus(Polygon outline, int label, int areaPixels, double centroidX, double centroidY, double meanHematoxylin) {

    /** Named measurements, QuPath-style names: areas in um^2 and lengths in um for the pixel size given. */
    public Map<String, Double> measurements(double pixelSizeUm) {
        Map<String, Double> m = new LinkedHashMap<>();
        double area = areaPixels * pixelSizeUm * pixelSizeUm;
        double perimeter = outline.getLength() * pixelSizeUm;
        m.put("Area um^2", area);
        m.put("Perimeter um", perimeter);
        m.put("Circularity", perimeter > 0 ? Math.min(1.0, 4 * Math.PI * area / (perimeter * perimeter)) : 0.0);
        m.put("Hematoxylin OD mean", meanHematoxylin);
        m.put("Centroid X px", centroidX);
        m.put("Centroid Y px", centroidY);
        return m;
    }
}
