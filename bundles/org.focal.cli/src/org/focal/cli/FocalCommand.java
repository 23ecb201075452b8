package org.focal.cli;

import java.util.concurrent.Callable;

import org.focal.core.plugin.FocalPlugin;

import picocli.CommandLine.Command;

/**
 * A sub-command of {@code focal}, contributed by any bundle as a DS service. The implementation is
 * a picocli {@link Command}-annotated class; its options are filled in before {@link #call()} and
 * it returns the exit code (0 ok, 1 failure, 2 bad usage or bad input). Throw
 * {@link org.focal.core.BadInputException} for user mistakes: the CLI prints its one-line message.
 * Write output to {@code spec.commandLine().getOut()} (inject {@code @Spec CommandSpec spec}) so
 * callers can capture it.
 * <p>
 * Register it with {@code @Component(service = FocalCommand.class, scope = ServiceScope.PROTOTYPE)}:
 * each run then gets a fresh object, so option values never carry over from one run to the next.
 */
public interface FocalCommand extends Callable<Integer>, FocalPlugin {

    /** The command name, taken from the {@link Command} annotation. */
    @Override
    default String id() {
        Command command = getClass().getAnnotation(Command.class);
        if (command == null || command.name().isBlank() || "<main class>".equals(command.name())) {
            throw new IllegalStateException(getClass().getName() + " needs @Command(name = ...)");
        }
        return command.name();
    }
}
