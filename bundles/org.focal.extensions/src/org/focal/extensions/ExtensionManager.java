package org.focal.extensions;

import java.nio.file.Path;
import java.util.List;

/**
 * Vendors' bundles dropped into extensions folders ({@code <installation>/extensions} and any
 * folder given on the command line). At each launch the running framework is made to match the
 * folders: new jars are installed and started, changed jars updated, bundles whose jar is gone
 * uninstalled.
 */
public interface ExtensionManager {

    /** The installation's own extensions folder (it may not exist). */
    Path installationFolder();

    /**
     * Makes the installed extension bundles equal to the jars in {@code folders} (missing folders
     * count as empty). Bad jars do not stop the others: they are reported in the result.
     */
    SyncResult synchronize(List<Path> folders);

    /** What {@link #synchronize} changed, as {@code symbolicName version} strings, and one line per problem. */
    record SyncResult(List<String> installed, List<String> updated, List<String> removed, List<String> problems) {
        public SyncResult {
            installed = List.copyOf(installed);
            updated = List.copyOf(updated);
            removed = List.copyOf(removed);
            problems = List.copyOf(problems);
        }
    }
}
