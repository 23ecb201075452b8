package org.focal.scenarios;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioTask;

/**
 * A scenario as data: what a {@code scenario.json} in a scenario bundle or a workspace holds.
 * Validated on construction (ids are lower-case words joined by '-', tasks unique).
 */
public record ScenarioDefinition(String id, String displayName, String modality, String organ, String description,
        List<ScenarioTask> tasks) implements Scenario {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public ScenarioDefinition {
        if (id == null || !ID.matcher(id).matches() || id.length() > 64) {
            throw new IllegalArgumentException("scenario id must be lower-case letters and digits joined by '-' (at most 64), was '"
                    + id + "'");
        }
        displayName = blankToNull(displayName) == null ? id : displayName.strip();
        if (blankToNull(modality) == null) {
            throw new IllegalArgumentException("scenario '" + id + "' needs a modality");
        }
        modality = modality.strip();
        organ = organ == null ? "" : organ.strip();
        description = description == null ? "" : description.strip();
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + id + "' needs at least one task");
        }
        Set<Object> seen = new HashSet<>();
        for (ScenarioTask t : tasks) {
            if (!seen.add(t.task())) {
                throw new IllegalArgumentException("scenario '" + id + "' lists the " + t.task().cliName() + " task twice");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
