package org.focal.scenarios;

import java.nio.file.Path;
import java.util.List;

import org.focal.core.scenario.Scenario;

/**
 * Every scenario a workspace can use: those installed as bundles (the scenario registry) and those
 * made in the workspace without code ({@code <workspace>/scenarios/ID.json}). An installed scenario
 * wins over a workspace one with the same id.
 */
public interface ScenarioCatalog {

    /** The workspace folder that holds the workspace's own scenario files. */
    String FOLDER = "scenarios";

    /** Where a scenario comes from, for listings. */
    record Entry(Scenario scenario, String origin) {
    }

    /** All scenarios, sorted by id; unreadable workspace files are left out and reported by {@link #problems}. */
    List<Entry> all(Path workspace);

    /** One line per workspace scenario file that could not be read. */
    List<String> problems(Path workspace);

    /** The scenario, or a {@link org.focal.core.BadInputException} listing the known ids. */
    Scenario get(Path workspace, String id);

    /**
     * Stores a new scenario in the workspace; an id that is installed or already in the workspace is
     * a {@link org.focal.core.BadInputException}. Returns the file written.
     */
    Path create(Path workspace, ScenarioDefinition scenario);
}
