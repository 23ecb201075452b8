package org.focal.testing;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** DS services of the running test framework, waited for (SCR activates bundles asynchronously). */
public final class Services {

    private Services() {
    }

    public static BundleContext context() {
        return FrameworkUtil.getBundle(Services.class).getBundleContext();
    }

    public static <T> T await(Class<T> type) {
        return await(type, null);
    }

    /** The service of {@code type} matching the LDAP {@code filter} (e.g. "(focal.format=nrrd)"), or fails the test. */
    public static <T> T await(Class<T> type, String filter) {
        try {
            BundleContext context = context();
            String spec = "(objectClass=" + type.getName() + ")";
            Filter f = context.createFilter(filter == null ? spec : "(&" + spec + filter + ")");
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, f, null);
            tracker.open();
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
            if (service == null) {
                throw new AssertionError(type.getName() + (filter == null ? "" : " " + filter) + " service did not appear");
            }
            return service;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
