package org.focal.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The top-level {@code focal} command: global options; sub-commands are added at run time. */
@Command(name = "focal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Focal: AI-assisted annotation of medical images and whole-slide pathology analysis.",
            "Commands come from the installed plugins; 'focal plugins' lists them."},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad usage or bad input."})
final class FocalMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--extensions", paramLabel = "DIR",
            description = "Also load the plugin bundles (*.jar) in DIR; may be repeated. "
                    + "<installation>/extensions is always loaded.")
    List<Path> extensions;

    @Override
    public Integer call() {
        // no sub-command given: show what there is and treat it as bad usage
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
