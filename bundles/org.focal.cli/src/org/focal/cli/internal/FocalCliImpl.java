package org.focal.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.focal.cli.FocalCli;
import org.focal.cli.FocalCommand;
import org.focal.core.BadInputException;
import org.focal.core.CanceledException;
import org.focal.extensions.ExtensionManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferenceScope;

import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the {@code focal} command line from the {@link FocalCommand} services present right now
 * and runs it. Extension folders are synchronised first, so their commands take part.
 */
@Component(service = FocalCli.class)
public final class FocalCliImpl implements FocalCli {

    private final List<ComponentServiceObjects<FocalCommand>> commands = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    private final ExtensionManager extensions;

    @Activate
    public FocalCliImpl(BundleContext context, @Reference ExtensionManager extensions) {
        this.context = context;
        this.extensions = extensions;
    }

    /**
     * Commands are prototype-scoped services: every run gets fresh instances, so option values of
     * one run never leak into the next (picocli fills the command object's fields).
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, scope = ReferenceScope.PROTOTYPE)
    void addCommand(ComponentServiceObjects<FocalCommand> command) {
        commands.add(command);
    }

    void removeCommand(ComponentServiceObjects<FocalCommand> command) {
        commands.remove(command);
    }

    @Override
    public int execute(List<String> args, PrintWriter out, PrintWriter err) {
        try {
            List<Path> folders = new ArrayList<>();
            folders.add(extensions.installationFolder());
            folders.addAll(extensionFolders(args));
            ExtensionManager.SyncResult sync = extensions.synchronize(folders);
            sync.problems().forEach(p -> err.println("focal: warning: " + p));
        } catch (BadInputException e) {
            err.println("focal: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Map<ComponentServiceObjects<FocalCommand>, FocalCommand> instances = new LinkedHashMap<>();
        try {
            instantiate(CommandSelection.of(args), instances);
            CommandLine cli = build(instances.values(), out, err);
            int code;
            try {
                code = cli.execute(args.toArray(String[]::new));
            } catch (Error e) { // picocli hands only Exceptions to the execution handler
                err.println(FatalErrors.line(e, commandName(cli)));
                code = CommandLine.ExitCode.SOFTWARE;
            }
            out.flush();
            err.flush();
            return code;
        } finally {
            instances.forEach((objects, command) -> {
                try {
                    objects.ungetService(command);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    // the providing bundle went away meanwhile
                }
            });
        }
    }

    /** The sub-command being run ("dataset create"), for messages; "focal" before parsing finished. */
    static String commandName(CommandLine cli) {
        CommandLine.ParseResult result = cli.getParseResult();
        if (result == null) {
            return "focal";
        }
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        String name = result.commandSpec().qualifiedName(" ");
        return name.startsWith("focal ") ? name.substring("focal ".length()) : name;
    }

    /**
     * Gets only the command objects this run needs. Activating a command activates its whole
     * service graph (readers, store, learners, ...), so {@code focal --version} takes none and
     * {@code focal info} only {@code info}; usage listings and unknown names take all of them.
     */
    private void instantiate(CommandSelection selection, Map<ComponentServiceObjects<FocalCommand>, FocalCommand> instances) {
        for (ComponentServiceObjects<FocalCommand> objects : commands) {
            if (selection.wants(CommandSelection.declaredName(objects.getServiceReference()))) {
                get(objects, instances);
            }
        }
        // the declared name did not match any command's id(): fall back to building them all
        if (selection.named() != null && instances.values().stream().noneMatch(c -> c.id().equals(selection.named()))) {
            commands.forEach(objects -> get(objects, instances));
        }
    }

    private static void get(ComponentServiceObjects<FocalCommand> objects, Map<ComponentServiceObjects<FocalCommand>, FocalCommand> instances) {
        if (!instances.containsKey(objects)) {
            FocalCommand command = objects.getService();
            if (command != null) {
                instances.put(objects, command);
            }
        }
    }

    /** Reads {@code --extensions DIR} before the sub-command, ahead of parsing, so the folder's commands exist. */
    static List<Path> extensionFolders(List<String> args) {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals("--extensions")) {
                if (i + 1 >= args.size()) {
                    throw new BadInputException("--extensions needs a folder");
                }
                value = args.get(++i);
            } else if (a.startsWith("--extensions=")) {
                value = a.substring("--extensions=".length());
            } else if (!a.startsWith("-")) {
                break; // the sub-command: its own arguments follow
            }
            if (value != null) {
                Path folder = Path.of(value);
                if (!Files.isDirectory(folder)) {
                    throw new BadInputException(value + ": extensions folder does not exist");
                }
                folders.add(folder);
            }
        }
        return folders;
    }

    private CommandLine build(Collection<FocalCommand> commands, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FocalMain());
        cli.getCommandSpec().version("focal " + displayVersion(context.getBundle().getVersion()));
        cli.addSubcommand("help", new HelpCommand());
        List<FocalCommand> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparing(FocalCommand::id));
        for (FocalCommand command : sorted) {
            if (!cli.getSubcommands().containsKey(command.id())) {
                cli.addSubcommand(command.id(), command);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(parameterErrors());
        cli.setExecutionExceptionHandler(executionErrors());
        return cli;
    }

    /** "0.1.0.202611220300" becomes "0.1.0 (build 202611220300)". */
    static String displayVersion(Version v) {
        String base = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? base : base + " (build " + v.getQualifier() + ")";
    }

    /** Usage mistakes: one line naming the problem and where help is, exit code 2. */
    private static IParameterExceptionHandler parameterErrors() {
        return (ParameterException ex, String[] args) -> {
            CommandLine where = ex.getCommandLine();
            PrintWriter err = where.getErr();
            String message = ex.getMessage();
            if (ex instanceof UnmatchedArgumentException u && where.getParent() == null && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                message = "unknown command '" + u.getUnmatched().get(0) + "'";
            }
            err.println("focal: " + message.replaceAll("\\s+", " ").strip() + " (see '"
                    + where.getCommandSpec().qualifiedName() + " --help')");
            return CommandLine.ExitCode.USAGE;
        };
    }

    /**
     * Bad input is the user's: one line, code 2. An Error (out of memory, ...) anywhere in the cause chain: one
     * line saying what ran out, code 1. Anything else is ours: say so, with the trace.
     */
    private static IExecutionExceptionHandler executionErrors() {
        return (Exception ex, CommandLine where, CommandLine.ParseResult parseResult) -> {
            PrintWriter err = where.getErr();
            Throwable cause = ex;
            if (cause instanceof BadInputException bad) {
                err.println("focal: " + bad.getMessage().replaceAll("\\s+", " ").strip());
                return CommandLine.ExitCode.USAGE;
            }
            Error fatal = FatalErrors.find(cause);
            if (fatal != null) { // an Error of a worker thread, wrapped on its way to this one
                err.println(FatalErrors.line(fatal, commandName(where.getCommandSpec().root().commandLine())));
                return CommandLine.ExitCode.SOFTWARE;
            }
            if (cause instanceof CanceledException) {
                err.println("focal: canceled");
                return CommandLine.ExitCode.SOFTWARE;
            }
            err.println("focal: internal error in '" + where.getCommandSpec().qualifiedName() + "': " + cause);
            cause.printStackTrace(err);
            return CommandLine.ExitCode.SOFTWARE;
        };
    }
}
