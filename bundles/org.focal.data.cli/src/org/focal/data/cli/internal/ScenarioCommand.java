package org.focal.data.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.scenario.Scenario;
import org.focal.core.scenario.ScenarioTask;
import org.focal.scenarios.ScenarioCatalog;
import org.focal.scenarios.ScenarioDefinition;
import org.focal.scenarios.ScenarioFiles;
import org.focal.store.StoreService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code focal scenario list|show|create}: the installed scenarios and the workspace's own. */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "List and show disease scenarios (tasks, labels, models); create one in the workspace without code.",
        subcommands = {ScenarioCommand.ListScenarios.class, ScenarioCommand.Show.class, ScenarioCommand.Create.class})
public final class ScenarioCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    final ScenarioCatalog catalog;
    final StoreService stores;

    @Activate
    public ScenarioCommand(@Reference ScenarioCatalog catalog, @Reference StoreService stores) {
        this.catalog = catalog;
        this.stores = stores;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: list, show or create");
    }

    abstract static class Subcommand implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ScenarioCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;
        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        Path workspace() {
            return common.workspace(parent.stores);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios: installed ones and the workspace's own.")
    static final class ListScenarios extends Subcommand {
        @Override
        public Integer call() throws Exception {
            List<ScenarioCatalog.Entry> all = parent.catalog.all(workspace());
            parent.catalog.problems(workspace()).forEach(p -> spec.commandLine().getErr().println("focal: warning: " + p));
            if (json) {
                ObjectNode root = DatasetCommand.JSON.createObjectNode();
                ArrayNode a = root.putArray("scenarios");
                for (ScenarioCatalog.Entry e : all) {
                    ObjectNode o = ScenarioFiles.toJson(e.scenario());
                    o.remove("format");
                    o.remove("version");
                    o.put("origin", e.origin());
                    a.add(o);
                }
                out().println(DatasetCommand.JSON.writeValueAsString(root));
                return 0;
            }
            int width = all.stream().mapToInt(e -> e.scenario().id().length()).max().orElse(0);
            for (ScenarioCatalog.Entry e : all) {
                Scenario s = e.scenario();
                out().printf("%-" + width + "s  %-10s  %-34s  %s%s%n", s.id(), s.modality(), s.displayName(), tasks(s),
                        e.origin().equals("workspace") ? "  (workspace)" : "");
            }
            return 0;
        }

        private static String tasks(Scenario s) {
            return s.tasks().stream().map(t -> t.task().cliName() + (t.volumetric() ? " 3D" : "")
                    + (t.defaultModel() != null ? " [model " + t.defaultModel() + "]" : "")).collect(Collectors.joining(", "));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one scenario: tasks, annotation kinds, labels with colours and hotkeys, models.")
    static final class Show extends Subcommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            Scenario s = parent.catalog.get(workspace(), id);
            if (json) {
                out().println(ScenarioFiles.toJsonString(s));
                return 0;
            }
            PrintWriter out = out();
            out.println("scenario     " + s.id() + " (" + s.displayName() + ")");
            out.println("modality     " + s.modality() + (s.organ().isEmpty() ? "" : ", " + s.organ()));
            if (!s.description().isEmpty()) {
                out.println("description  " + s.description());
            }
            for (ScenarioTask t : s.tasks()) {
                out.println("task         " + t.task().cliName() + (t.volumetric() ? " (3D)" : " (2D)") + ": "
                        + t.kinds().stream().map(ScenarioFiles::kindName).collect(Collectors.joining(", "))
                        + "; model " + (t.defaultModel() == null ? "none yet" : t.defaultModel())
                        + (t.pipeline() == null ? "" : "; pipeline " + t.pipeline()));
                t.labels().labels().forEach(l -> out.println("  " + (l.hotkey() == 0 ? " " : Integer.toString(l.hotkey())) + "  "
                        + l.color() + "  " + l.name()));
            }
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a scenario in the workspace (stored as scenarios/ID.json), usable by dataset create --scenario ID.")
    static final class Create extends Subcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Lower-case words joined by '-', e.g. thyroid-cytology.")
        String id;
        @Option(names = "--name", paramLabel = "TEXT", description = "Display name (default: the id).")
        String name;
        @Option(names = "--modality", required = true, paramLabel = "MODALITY", description = "e.g. WSI, CT, MR, XR, US, microscopy.")
        String modality;
        @Option(names = "--organ", paramLabel = "ORGAN")
        String organ;
        @Option(names = "--description", paramLabel = "TEXT")
        String description;
        @Option(names = "--task", required = true, paramLabel = "TASK[:3d]",
                description = "classification, detection or segmentation; ':3d' for volumes. Repeat for several tasks.")
        List<String> tasks;
        @Option(names = "--labels", required = true, split = ",", paramLabel = "A,B,C", description = "Labels, in hotkey order.")
        List<String> labels;
        @Option(names = "--kinds", split = ",", paramLabel = "KIND,...",
                description = "Annotation kinds (image-label, box, polygon, mask); default by task.")
        List<String> kinds;

        @Override
        public Integer call() throws Exception {
            ScenarioDefinition s;
            try {
                LabelSet set = LabelSet.ofNames(labels.stream().map(String::strip).filter(x -> !x.isEmpty()).toList());
                List<ScenarioTask> list = new ArrayList<>();
                for (String spec : tasks) {
                    String[] parts = spec.split(":", 2);
                    boolean volumetric = parts.length == 2 && parts[1].equalsIgnoreCase("3d");
                    if (parts.length == 2 && !volumetric && !parts[1].equalsIgnoreCase("2d")) {
                        throw new IllegalArgumentException("--task '" + spec + "': the suffix must be :2d or :3d");
                    }
                    Task task = Task.parse(parts[0]);
                    List<AnnotationKind> k = kinds != null ? kinds.stream().map(ScenarioFiles::kind).toList() : defaultKinds(task);
                    list.add(new ScenarioTask(task, k, volumetric, set, null, null));
                }
                s = new ScenarioDefinition(id, name, modality, organ, description, list);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Path file = parent.catalog.create(workspace(), s);
            if (json) {
                out().println(ScenarioFiles.toJsonString(s));
            } else {
                out().println("created scenario '" + s.id() + "' (" + s.tasks().size() + " task" + (s.tasks().size() == 1 ? "" : "s")
                        + ", " + labels.size() + " labels) in " + file);
            }
            return 0;
        }

        private static List<AnnotationKind> defaultKinds(Task task) {
            return switch (task) {
                case CLASSIFICATION -> List.of(AnnotationKind.IMAGE_LABEL);
                case DETECTION -> List.of(AnnotationKind.BOX);
                case SEGMENTATION -> List.of(AnnotationKind.POLYGON, AnnotationKind.MASK);
            };
        }
    }
}
