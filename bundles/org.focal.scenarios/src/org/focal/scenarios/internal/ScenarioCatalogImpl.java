package org.focal.scenarios.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.focal.core.BadInputException;
import org.focal.core.plugin.PluginRegistry;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioRegistry;
import org.focal.scenarios.ScenarioCatalog;
import org.focal.scenarios.ScenarioDefinition;
import org.focal.scenarios.ScenarioFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = ScenarioCatalog.class)
public final class ScenarioCatalogImpl implements ScenarioCatalog {

    private final ScenarioRegistry installed;

    @Activate
    public ScenarioCatalogImpl(@Reference ScenarioRegistry installed) {
        this.installed = installed;
    }

    @Override
    public List<Entry> all(Path workspace) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (Scenario s : installed.all()) {
            byId.putIfAbsent(s.id(), new Entry(s, "installed"));
        }
        for (Path file : files(workspace)) {
            try {
                ScenarioDefinition s = ScenarioFiles.read(file);
                byId.putIfAbsent(s.id(), new Entry(s, "workspace"));
            } catch (BadInputException e) {
                // reported by problems()
            }
        }
        List<Entry> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(e -> e.scenario().id()));
        return sorted;
    }

    @Override
    public List<String> problems(Path workspace) {
        List<String> problems = new ArrayList<>();
        for (Path file : files(workspace)) {
            try {
                ScenarioDefinition s = ScenarioFiles.read(file);
                if (!file.getFileName().toString().equals(s.id() + ".json")) {
                    problems.add(file + ": holds scenario '" + s.id() + "' but is not named " + s.id() + ".json");
                }
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public Scenario get(Path workspace, String id) {
        List<Scenario> all = all(workspace).stream().map(Entry::scenario).toList();
        return PluginRegistry.require(all, id, "scenario");
    }

    @Override
    public Path create(Path workspace, ScenarioDefinition scenario) {
        if (installed.find(scenario.id()).isPresent()) {
            throw new BadInputException("scenario '" + scenario.id() + "' is installed already; choose another id");
        }
        Path folder = workspace.resolve(FOLDER);
        Path file = folder.resolve(scenario.id() + ".json");
        if (Files.exists(file)) {
            throw BadInputException.forFile(file, "scenario '" + scenario.id() + "' exists in this workspace already");
        }
        try {
            Files.createDirectories(folder);
            ScenarioFiles.write(scenario, file);
        } catch (IOException e) {
            throw BadInputException.forFile(file, "cannot write the scenario file: " + e.getMessage(), e);
        }
        return file;
    }

    private static List<Path> files(Path workspace) {
        Path folder = workspace.resolve(FOLDER);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw BadInputException.forFile(folder, "cannot list the workspace's scenarios: " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }
}
