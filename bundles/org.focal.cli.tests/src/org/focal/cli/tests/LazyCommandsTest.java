package org.focal.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.focal.cli.FocalCommand;
import org.focal.cli.tests.CliHarness.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentConstants;

import picocli.CommandLine.Command;

/**
 * Start-up cost: a run builds only the command objects it needs (activating a command activates its
 * readers, store, learners ...). A probe command registered like a DS component counts how often
 * it is instantiated.
 */
class LazyCommandsTest {

    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger others = new AtomicInteger();

    /** The probe: a prototype command named "lazy-probe". */
    @Command(name = "lazy-probe", description = "Counts its instantiations (test only).")
    public static final class Probe implements FocalCommand {
        @Override
        public Integer call() {
            return 0;
        }
    }

    /** A second probe, to see that naming one command does not build the others. */
    @Command(name = "lazy-other", description = "Counts its instantiations (test only).")
    public static final class Other implements FocalCommand {
        @Override
        public Integer call() {
            return 0;
        }
    }

    private final List<ServiceRegistration<FocalCommand>> registrations = new ArrayList<>();

    @BeforeEach
    void register() throws Exception {
        CliHarness.service(org.focal.cli.FocalCli.class);
        registrations.add(register(Probe.class, Probe::new, probes));
        registrations.add(register(Other.class, Other::new, others));
    }

    private static ServiceRegistration<FocalCommand> register(Class<?> type, Supplier<FocalCommand> factory, AtomicInteger created) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ComponentConstants.COMPONENT_NAME, type.getName()); // as DS names a component
        return CliHarness.context().registerService(FocalCommand.class, new PrototypeServiceFactory<FocalCommand>() {
            @Override
            public FocalCommand getService(Bundle bundle, ServiceRegistration<FocalCommand> reg) {
                created.incrementAndGet();
                return factory.get();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<FocalCommand> reg, FocalCommand service) {
                // nothing to release
            }
        }, props);
    }

    @AfterEach
    void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    @Test
    void versionBuildsNoCommand() throws Exception {
        Result r = CliHarness.run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("focal "), r.out());
        assertEquals(0, probes.get() + others.get());
    }

    @Test
    void theNamedCommandIsTheOnlyOneBuilt() throws Exception {
        Result r = CliHarness.run("--extensions", System.getProperty("java.io.tmpdir"), "lazy-probe");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, probes.get());
        assertEquals(0, others.get());
    }

    @Test
    void helpAndUnknownNamesBuildEveryCommand() throws Exception {
        Result help = CliHarness.run("--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("lazy-probe"), help.out());
        Result unknown = CliHarness.run("lazy-prob");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("focal: unknown command 'lazy-prob'"), unknown.err());
        assertEquals(2, probes.get());
        assertEquals(2, others.get());
    }
}
