package org.focal.pathology.slide;

/**
 * One tile of a slide: its level-0 rectangle and the downsample it is read at, so that it is
 * {@code size x size} analysis pixels.
 *
 * @param index position in the slide's tiling, row-major over the whole grid (stable for a seed)
 * @param x level-0 left
 * @param y level-0 top
 * @param size side in analysis pixels
 * @param downsample level-0 pixels per analysis pixel
 * @param tissue fraction of the tile that is tissue
 */
public record TileSpec(int index, int x, int y, int size, double downsample, double tissue) {

    /** Level-0 side length. */
    public int level0Size() {
        return (int) Math.round(size * downsample);
    }

    public double centerX() {
        return x + level0Size() / 2.0;
    }

    public double centerY() {
        return y + level0Size() / 2.0;
    }
}
