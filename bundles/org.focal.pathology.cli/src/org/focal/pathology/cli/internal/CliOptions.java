package org.focal.pathology.cli.internal;

import java.nio.file.Path;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.plugin.PluginRegistry;
import org.focal.pathology.NucleusSegmenter;
import org.focal.pathology.slide.RoiFile;
import org.focal.pathology.slide.TissueMask;

import picocli.CommandLine.Option;

/** Options and lookups the nuclei and pathology commands share. */
final class CliOptions {

    private CliOptions() {
    }

    /** {@code --roi auto|FILE.geojson}. */
    static final class Roi {
        @Option(names = "--roi", paramLabel = "auto|FILE.geojson", defaultValue = "auto",
                description = "Automatic tissue detection only (default), or also a GeoJSON region in level-0 pixels.")
        String roi;

        /** The user's region, or null for {@code auto}. */
        TissueMask.Region region() {
            return "auto".equals(roi) ? null : RoiFile.read(Path.of(roi));
        }
    }

    /** Worker threads: the value given, at least 1, or every processor. */
    static int threads(Integer given) {
        return given == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, given);
    }

    /** The installed segmenter with that id, or an error listing the installed ones. */
    static NucleusSegmenter segmenter(List<NucleusSegmenter> installed, String id) {
        return PluginRegistry.require(installed, id, "nucleus segmenter");
    }
}
