package org.focal.core.export;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.ProgressMonitor;
import org.focal.core.plugin.FocalPlugin;

/** Reads annotations in one format into a dataset's content; the id is the format name. */
public interface Importer extends FocalPlugin {

    DatasetContent read(Path in, ProgressMonitor monitor) throws IOException;

    /**
     * Whether this importer needs the target dataset's images ({@link #read(Path, ImportContext, ProgressMonitor)}),
     * because its files name images by geometry or DICOM UIDs rather than by file name.
     */
    default boolean needsContext() {
        return false;
    }

    /** Reads with the target dataset at hand; importers that do not need it read as {@link #read(Path, ProgressMonitor)}. */
    default DatasetContent read(Path in, ImportContext context, ProgressMonitor monitor) throws IOException {
        return read(in, monitor);
    }
}
