package org.focal.io.cli.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.focal.cli.FocalCommand;
import org.focal.core.image.ImageSource;
import org.focal.core.image.ReaderRegistry;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What the image commands share: the PATH argument and opening it through the best reader. */
abstract class ImageCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "Image file or DICOM series folder.")
    Path path;

    private final ReaderRegistry readers;

    ImageCommand(ReaderRegistry readers) {
        this.readers = readers;
    }

    ImageSource open() throws IOException {
        return readers.open(path);
    }
}
