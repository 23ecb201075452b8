package org.focal.cli.tests;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.focal.cli.FocalCli;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Runs {@code focal} command lines against the CLI service of the running test framework. */
final class CliHarness {

    record Result(int code, String out, String err) {
    }

    private CliHarness() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(CliHarness.class).getBundleContext();
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        if (service == null) {
            throw new AssertionError(type.getName() + " service did not appear");
        }
        return service;
    }

    static Result run(String... args) throws InterruptedException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = service(FocalCli.class).execute(List.of(args), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
