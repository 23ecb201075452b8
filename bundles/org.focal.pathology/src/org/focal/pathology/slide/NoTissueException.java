package org.focal.pathology.slide;

import java.nio.file.Path;

import org.focal.core.BadInputException;

/** A slide without one tile of enough tissue: an error for prediction, a skipped slide for training. */
public final class NoTissueException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public NoTissueException(Path slide, String problem) {
        super(slide + ": " + problem);
    }
}
