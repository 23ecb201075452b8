package org.focal.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.focal.cli.FocalCli;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Equinox application behind {@code bin/focal}. It only finds the {@link FocalCli} service and
 * hands it the arguments; everything else is DS services.
 */
public final class FocalApplication implements IApplication {

    /**
     * bin/focal writes the user's arguments NUL-separated to this file, so that no argument can be
     * mistaken for one of the Equinox launcher's own options (-data, -clean, ...).
     */
    static final String ARGS_FILE_PROPERTY = "focal.args.file";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        List<String> args;
        try {
            args = arguments(context);
        } catch (IOException e) {
            err.println("focal: cannot read the arguments file: " + e.getMessage());
            return 1;
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(FocalApplication.class).getBundleContext();
        ServiceTracker<FocalCli, FocalCli> tracker = new ServiceTracker<>(bundleContext, FocalCli.class, null);
        tracker.open();
        try {
            FocalCli cli = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
            if (cli == null) {
                err.println("focal: the command line service did not start (is org.apache.felix.scr installed?)");
                return 1;
            }
            // an Error on a thread nobody joins would otherwise only reach the Equinox log
            AtomicReference<Error> elsewhere = new AtomicReference<>();
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
                Error error = FatalErrors.find(e);
                if (error != null) {
                    elsewhere.compareAndSet(null, error); // reported as one line when the command ends
                } else if (previous != null) {
                    previous.uncaughtException(thread, e);
                } else { // what the JVM prints without a handler
                    System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                    e.printStackTrace(System.err);
                }
            });
            int code;
            try {
                code = cli.execute(args, out, err);
            } catch (Error e) { // Equinox would log it and exit with 0
                err.println(FatalErrors.line(e, commandName(args)));
                code = 1;
            }
            if (code == 0 && elsewhere.get() != null) {
                err.println(FatalErrors.line(elsewhere.get(), commandName(args)));
                code = 1;
            }
            out.flush();
            err.flush();
            return code;
        } finally {
            tracker.close();
        }
    }

    /** The first word that is not an option or an option's value: the command, for messages. */
    static String commandName(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--extensions")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return "focal";
    }

    private static List<String> arguments(IApplicationContext context) throws IOException {
        String file = System.getProperty(ARGS_FILE_PROPERTY);
        if (file != null && !file.isEmpty()) {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
            if (!args.isEmpty() && args.get(args.size() - 1).isEmpty()) {
                args.remove(args.size() - 1); // each argument is NUL-terminated
            }
            return args;
        }
        Object raw = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        return raw instanceof String[] a ? List.of(a) : List.of();
    }

    @Override
    public void stop() {
        // commands poll their progress monitors; nothing to stop here
    }
}
