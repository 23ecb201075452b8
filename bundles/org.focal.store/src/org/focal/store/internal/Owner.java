package org.focal.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Who runs a bulk write: {@code host/pid/start-millis} of a process. Several processes may share a
 * workspace, so the recovery at open only undoes journal entries whose owner is dead: on this host
 * the process is gone (or its pid now belongs to a process started at another time); on another
 * host its heartbeat is older than {@link #STALE}.
 */
record Owner(String host, long pid, long startMillis) {

    /** An owner on another host whose heartbeat is older than this is taken for dead. */
    static final Duration STALE = Duration.ofMinutes(2);

    private static final Owner SELF = current();

    static Owner self() {
        return SELF;
    }

    private static Owner current() {
        ProcessHandle me = ProcessHandle.current();
        return new Owner(hostName(), me.pid(), me.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return host + "/" + pid + "/" + startMillis;
    }

    static Optional<Owner> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String[] p = s.split("/");
        try {
            return p.length == 3 ? Optional.of(new Owner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the owner recorded in a journal row may still be writing. */
    static boolean alive(String owner, OffsetDateTime heartbeat) {
        Optional<Owner> o = parse(owner);
        if (o.isEmpty()) {
            return false; // entries of older Focal versions had no owner: their process is long gone
        }
        Owner w = o.get();
        if (!w.host.equals(SELF.host)) {
            return heartbeat != null && Duration.between(heartbeat.toInstant(), Instant.now()).compareTo(STALE) < 0;
        }
        if (w.pid == SELF.pid) {
            return w.startMillis == SELF.startMillis;
        }
        return ProcessHandle.of(w.pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - w.startMillis) < 1000).orElse(true))
                .orElse(false);
    }
}
