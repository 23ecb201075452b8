package org.focal.learn.internal;

import org.focal.core.plugin.FocalPlugin;

/** Id and name of a plugin component of this bundle. */
abstract class NamedPlugin implements FocalPlugin {

    private final String id;
    private final String displayName;

    NamedPlugin(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }
}
