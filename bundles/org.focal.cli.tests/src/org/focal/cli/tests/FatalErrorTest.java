package org.focal.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.focal.cli.FocalCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;

/**
 * Issue 17 (1): an OutOfMemoryError (or any Error) ended a command with exit code 0 and nothing
 * printed; it must end it with exit code 1 and one line saying what ran out and what to do, also
 * when it was thrown on a worker thread.
 */
class FatalErrorTest {

    @Command(name = "test-oom")
    static final class Oom implements FocalCommand {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Command(name = "test-oom-worker")
    static final class OomOnWorker implements FocalCommand {
        @Override
        public Integer call() throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Callable<Integer> work = () -> {
                    throw new OutOfMemoryError("Java heap space");
                };
                return pool.submit(work).get(); // arrives wrapped in an ExecutionException
            } finally {
                pool.shutdown();
            }
        }
    }

    @Command(name = "test-oom-parallel")
    static final class OomInParallelStream implements FocalCommand {
        @Override
        public Integer call() {
            return IntStream.range(0, 64).parallel().map(i -> {
                if (i == 63) {
                    throw new OutOfMemoryError("Requested array size exceeds VM limit");
                }
                return 0;
            }).sum();
        }
    }

    @Command(name = "test-deep")
    static final class Deep implements FocalCommand {
        @Override
        public Integer call() {
            return depth(0);
        }

        private static int depth(int n) {
            return depth(n + 1) + 1;
        }
    }

    private final List<ServiceRegistration<FocalCommand>> registrations = new ArrayList<>();

    private void register(Supplier<FocalCommand> commands) {
        registrations.add(CliHarness.context().registerService(FocalCommand.class, new PrototypeServiceFactory<>() {
            @Override
            public FocalCommand getService(Bundle bundle, ServiceRegistration<FocalCommand> registration) {
                return commands.get();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<FocalCommand> registration, FocalCommand service) {
                // nothing held
            }
        }, null));
    }

    @AfterEach
    void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** Runs a command registered just now (the CLI service binds it dynamically). */
    private static CliHarness.Result run(String command) throws InterruptedException {
        CliHarness.Result r = CliHarness.run(command);
        for (int i = 0; i < 50 && r.code() == 2 && r.err().contains("unknown command"); i++) {
            Thread.sleep(100);
            r = CliHarness.run(command);
        }
        return r;
    }

    private static void assertOneLine(CliHarness.Result r, String start) {
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(start), r.err());
    }

    @Test
    void outOfMemoryIsExitCodeOneWithOneLineSayingWhatToDo() throws Exception {
        register(Oom::new);
        CliHarness.Result r = run("test-oom");
        assertOneLine(r, "focal: out of memory while running 'test-oom' (heap ");
        assertTrue(r.err().contains("FOCAL_JAVA_OPTS=-Xmx"), r.err());
    }

    @Test
    void outOfMemoryOnWorkerThreadsIsReportedTheSame() throws Exception {
        register(OomOnWorker::new);
        register(OomInParallelStream::new);
        assertOneLine(run("test-oom-worker"), "focal: out of memory while running 'test-oom-worker' (heap ");
        assertOneLine(run("test-oom-parallel"), "focal: out of memory while running 'test-oom-parallel' (heap ");
    }

    @Test
    void stackOverflowIsExitCodeOneWithOneLine() throws Exception {
        register(Deep::new);
        assertOneLine(run("test-deep"), "focal: stack overflow while running 'test-deep'");
    }
}
