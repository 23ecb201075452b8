package org.focal.core.export;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.core.ProgressMonitor;
import org.focal.core.plugin.FocalPlugin;

/** Writes a dataset in one annotation format (COCO, Pascal VOC, GeoJSON, ...); the id is the format name. */
public interface Exporter extends FocalPlugin {

    void export(DatasetContent content, Path out, ProgressMonitor monitor) throws IOException;
}
