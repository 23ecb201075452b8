package org.focal.examples.hello;

import org.focal.cli.FocalCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The smallest vendor extension: one extra {@code focal} command in its own bundle. Drop the jar
 * into {@code <installation>/extensions/} (or pass {@code --extensions DIR}) and it appears in
 * {@code focal plugins} and {@code focal --help}.
 */
@Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "hello", mixinStandardHelpOptions = true, description = "Example extension command: greets NAME.")
public final class HelloCommand implements FocalCommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "world", paramLabel = "NAME", description = "Who to greet (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("Hello, " + name + ", from an extension bundle.");
        return 0;
    }
}
