package org.focal.cli.internal;

import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;

import picocli.CommandLine.Command;

/**
 * Which sub-command objects one run of {@code focal} needs, decided from the top-level arguments
 * before anything is parsed: none for a bare {@code --version}, the named one for
 * {@code focal NAME ...}, and all of them otherwise (usage, {@code help}, unknown names).
 *
 * @param named the sub-command named on the command line, or null
 * @param none  true when no sub-command object is needed at all
 */
record CommandSelection(String named, boolean none) {

    private static final Set<String> VERSION_OPTIONS = Set.of("-V", "--version");

    /** Picocli's own sub-command; it shows the usage of the others, so it needs them all. */
    private static final String HELP = "help";

    static CommandSelection of(List<String> args) {
        boolean versionOnly = false;
        boolean otherOption = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--extensions")) {
                i++; // its folder
            } else if (a.startsWith("--extensions=")) {
                continue;
            } else if (VERSION_OPTIONS.contains(a)) {
                versionOnly = true;
            } else if (a.startsWith("-")) {
                otherOption = true;
            } else {
                return a.equals(HELP) || otherOption ? all() : new CommandSelection(a, false);
            }
        }
        return versionOnly && !otherOption ? new CommandSelection(null, true) : all();
    }

    private static CommandSelection all() {
        return new CommandSelection(null, false);
    }

    /** Whether a command whose declared name is {@code declared} (null: not known without activating it) is needed. */
    boolean wants(String declared) {
        if (none) {
            return false;
        }
        return named == null || declared == null || declared.equals(named);
    }

    /**
     * The {@code @Command} name of a DS command component, read from its implementation class
     * (DS names the component after it by default) without activating the component; null when
     * that does not work, so the command is then always built.
     */
    static String declaredName(ServiceReference<?> reference) {
        Object component = reference.getProperty(ComponentConstants.COMPONENT_NAME);
        Bundle bundle = reference.getBundle();
        if (!(component instanceof String className) || bundle == null) {
            return null;
        }
        try {
            Command command = bundle.loadClass(className).getAnnotation(Command.class);
            return command == null || command.name().isBlank() ? null : command.name();
        } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
            return null;
        }
    }
}
