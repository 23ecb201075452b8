package org.focal.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Deletes the rows of a failed bulk write (journal entry 'failed', already invisible) in small
 * committed batches, then marks the entry 'undone'. The entry stays: rows that H2 may bring back
 * after a crash keep its id and so stay hidden.
 */
final class Purge {

    private static final int BATCH = 1000;

    private Purge() {
    }

    /**
     * Purges one entry on a connection without auto-commit; returns false when {@code stop} said so
     * before the end (the entry stays 'failed' and a later open goes on).
     */
    static boolean entry(Connection c, long journal, BooleanSupplier stop, Object commitLock) throws SQLException {
        for (String table : List.of("annotations", "images")) {
            while (true) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                int n;
                try {
                    n = deleteBatch(c, table, journal, commitLock);
                } catch (SQLException e) {
                    c.rollback();
                    if (e.getErrorCode() != 50200 && e.getErrorCode() != 90112) {
                        throw e;
                    }
                    // rows H2 left inconsistent by a crash (in the table, missing from an index: H2 reports a
                    // lock timeout) cannot be deleted; they stay, hidden for good by the entry's state
                    n = 0;
                }
                if (n == 0) {
                    break;
                }
            }
        }
        synchronized (commitLock) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE imports SET state = 'undone', finished = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setLong(2, journal);
                ps.executeUpdate();
                c.commit();
            }
        }
        return true;
    }

    private static int deleteBatch(Connection c, String table, long journal, Object commitLock) throws SQLException {
        synchronized (commitLock) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE import_id = ? LIMIT " + BATCH)) {
                ps.setLong(1, journal);
                int n = ps.executeUpdate();
                c.commit();
                return n;
            }
        }
    }
}
