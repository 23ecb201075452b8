package org.focal.scenarios.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.focal.core.BadInputException;
import org.focal.core.scenario.Scenario;
import org.focal.scenarios.ScenarioDefinition;
import org.focal.scenarios.ScenarioFiles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;

/**
 * Turns scenario bundles into {@link Scenario} services: a bundle whose manifest says
 * {@code Focal-Scenario: lung-histology;path=scenario.json} (clauses separated by ',') needs no code.
 * The files are parsed when a scenario is first asked for, not at start-up, so the CLI starts
 * fast; a file that does not hold what its clause says is logged and left out.
 */
@Component(immediate = true)
public final class ScenarioBundleExtender {

    /** The manifest header scenario bundles carry. */
    public static final String HEADER = "Focal-Scenario";
    /** Service properties naming the bundle that ships the scenario (the extender registers for it). */
    public static final String PROVIDER_BUNDLE = "focal.provider.bundle";
    public static final String PROVIDER_VERSION = "focal.provider.version";

    private static final System.Logger LOG = System.getLogger(ScenarioBundleExtender.class.getName());

    private final BundleTracker<List<ServiceRegistration<?>>> tracker;

    @Activate
    public ScenarioBundleExtender(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders("").get(HEADER);
                return header == null ? null : register(context, bundle, header);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
                for (ServiceRegistration<?> r : registrations) {
                    try {
                        r.unregister();
                    } catch (IllegalStateException e) {
                        // already gone with the framework
                    }
                }
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private static List<ServiceRegistration<?>> register(BundleContext context, Bundle bundle, String header) {
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        for (String clause : header.split(",")) {
            String[] parts = clause.strip().split(";");
            String id = parts[0].strip();
            String path = "scenario.json";
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].strip().equals("path")) {
                    path = kv[1].strip().replace("\"", "");
                }
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("focal.scenario.id", id);
            props.put(PROVIDER_BUNDLE, bundle.getSymbolicName());
            props.put(PROVIDER_VERSION, bundle.getVersion().toString());
            registrations.add(context.registerService(Scenario.class, new LazyScenario(bundle, id, path), props));
        }
        return registrations;
    }

    /** Parses the bundle's file on first use and hands every consumer the same definition. */
    private static final class LazyScenario implements ServiceFactory<Scenario> {
        private final Bundle bundle;
        private final String id;
        private final String path;
        private ScenarioDefinition definition;
        private boolean failed;

        LazyScenario(Bundle bundle, String id, String path) {
            this.bundle = bundle;
            this.id = id;
            this.path = path;
        }

        @Override
        public synchronized Scenario getService(Bundle consumer, ServiceRegistration<Scenario> registration) {
            if (definition == null && !failed) {
                String source = bundle.getSymbolicName() + "/" + path;
                try {
                    URL entry = bundle.getEntry(path);
                    if (entry == null) {
                        throw new BadInputException(source + ": no such file in the bundle");
                    }
                    ScenarioDefinition read;
                    try (InputStream in = entry.openStream()) {
                        read = ScenarioFiles.read(in, source);
                    }
                    if (!read.id().equals(id)) {
                        throw new BadInputException(source + ": holds scenario '" + read.id() + "' but the manifest says '" + id + "'");
                    }
                    definition = read;
                } catch (IOException | BadInputException e) {
                    failed = true; // told once, not on every lookup
                    LOG.log(System.Logger.Level.ERROR, "scenario " + id + " of " + bundle.getSymbolicName() + " left out: " + e.getMessage());
                }
            }
            return definition;
        }

        @Override
        public void ungetService(Bundle consumer, ServiceRegistration<Scenario> registration, Scenario service) {
            // the definition is immutable and kept
        }
    }
}
