package org.focal.core.export;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.ProgressMonitor;
import org.focal.core.plugin.FocalPlugin;

/** Reads annotations in one format into a dataset's content; the id is the format name. */
public interface Importer extends FocalPlugin {

    DatasetContent read(Path in, ProgressMonitor monitor) throws IOException;
}
