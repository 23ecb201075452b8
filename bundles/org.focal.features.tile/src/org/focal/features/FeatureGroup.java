package org.focal.features;

import java.util.List;

import org.focal.pathology.TileFeatureExtractor;

/**
 * Base of the tile feature extractors: a group whose id is its name, a display name and a fixed
 * list of feature names. Subclasses are the DS components and implement {@link #extract}.
 */
public abstract class FeatureGroup implements TileFeatureExtractor {

    private final String group;
    private final String displayName;
    private final List<String> names;

    protected FeatureGroup(String group, String displayName, List<String> names) {
        for (String n : names) {
            if (!n.startsWith(group + ".")) {
                throw new IllegalArgumentException("feature " + n + " must start with " + group + ".");
            }
        }
        this.group = group;
        this.displayName = displayName;
        this.names = List.copyOf(names);
    }

    @Override
    public final String id() {
        return group;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final String group() {
        return group;
    }

    @Override
    public final List<String> featureNames() {
        return names;
    }
}
