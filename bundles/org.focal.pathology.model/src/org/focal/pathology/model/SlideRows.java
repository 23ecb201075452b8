package org.focal.pathology.model;

import java.nio.file.Path;

/** The tile feature rows of one training slide: all training keeps of a slide, so it stays small. */
public record SlideRows(Path slide, double[][] rows) {
}
