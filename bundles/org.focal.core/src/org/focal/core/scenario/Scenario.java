package org.focal.core.scenario;

import java.util.List;

import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.plugin.FocalPlugin;

/**
 * A disease scenario (lung, colorectal, breast, ...) shipped as a bundle: the labels and tasks it
 * works with and the models that pre-annotate for it.
 */
public interface Scenario extends FocalPlugin {

    /** Imaging modality, e.g. "CT", "MR", "XR" or "WSI" (H&amp;E whole slide). */
    String modality();

    List<Task> tasks();

    LabelSet labels();

    /** Ids of the models used by default, one per task this scenario supports. */
    List<String> defaultModelIds();
}
