package org.focal.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data next to the checkout (../shared/data), passed by the build as system property focal.data. */
public final class TestData {

    private TestData() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("focal.data", "../shared/data"));
        if (!Files.isDirectory(root)) {
            throw new AssertionError("test data folder " + root.toAbsolutePath() + " is missing (see ../shared/data/README.md)");
        }
        return root;
    }

    /** A file or folder under the data root, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("test data " + p + " is missing");
        }
        return p;
    }
}
