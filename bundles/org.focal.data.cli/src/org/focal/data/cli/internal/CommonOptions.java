package org.focal.data.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.focal.cli.ConsoleProgress;
import org.focal.store.Store;
import org.focal.store.StoreService;

import picocli.CommandLine.Option;

/** Options every data command has: the workspace and the progress bar. */
public final class CommonOptions {

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace folder (default: system property focal.workspace, env FOCAL_WORKSPACE, else ~/.focal/workspace).")
    Path workspace;

    @Option(names = "--no-progress", description = "Do not draw a progress bar on standard error.")
    boolean noProgress;

    /** The workspace folder these options name. */
    Path workspace(StoreService stores) {
        return (workspace != null ? workspace : stores.defaultWorkspace()).toAbsolutePath().normalize();
    }

    Store open(StoreService stores) {
        return stores.open(workspace);
    }

    ConsoleProgress progress(PrintWriter err) {
        return new ConsoleProgress(err, !noProgress);
    }
}
