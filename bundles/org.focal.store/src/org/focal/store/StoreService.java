package org.focal.store;

import java.nio.file.Path;

/**
 * Opens the store of a workspace folder. The default workspace comes from the system property
 * {@code focal.workspace}, else the environment variable {@code FOCAL_WORKSPACE}, else
 * {@code ~/.focal/workspace}.
 */
public interface StoreService {

    String WORKSPACE_PROPERTY = "focal.workspace";
    String WORKSPACE_ENV = "FOCAL_WORKSPACE";

    /** The workspace used when none is given. */
    Path defaultWorkspace();

    /**
     * Opens (creating and migrating when needed) the store of a workspace; {@code null} means the
     * default. Close it when done. Several processes may have a workspace open at once (the first
     * serves it to the others); opening undoes the bulk writes of processes that died, never those
     * of live ones.
     */
    Store open(Path workspace);

    /** Resolves the default workspace as documented above. */
    static Path resolveDefaultWorkspace() {
        String property = System.getProperty(WORKSPACE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(WORKSPACE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".focal", "workspace");
    }
}
