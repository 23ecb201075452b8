package org.focal.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.focal.core.BadInputException;
import org.focal.core.ProgressMonitor;
import org.focal.core.annotation.Annotation;
import org.focal.core.annotation.AnnotationKind;
import org.focal.core.annotation.AnnotationSource;
import org.focal.core.annotation.ImagePlane;
import org.focal.core.annotation.ReviewState;
import org.focal.core.dataset.Dataset;
import org.focal.core.dataset.Label;
import org.focal.core.dataset.LabelSet;
import org.focal.core.dataset.Task;
import org.focal.core.export.DatasetContent;
import org.focal.store.DatasetInfo;
import org.focal.store.DatasetStats;
import org.focal.store.ImageRecord;
import org.focal.store.NewImage;
import org.focal.store.Store;
import org.focal.store.json.AnnotationJson;
import org.focal.store.json.GeometryJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The store on an H2 file database ({@code focal-store.mv.db} in the workspace). One connection,
 * used by one thread at a time; every public method is one transaction.
 */
public final class H2Store implements Store {

    static final String DB_NAME = "focal-store";
    private static final int BATCH = 1000;
    /**
     * Rows per commit of a bulk write: each commit writes a chunk to the file (WRITE_DELAY=0), so not
     * every JDBC batch; small enough that H2 never has to spill a big open transaction to the file.
     */
    private static final int COMMIT_ROWS = 5000;
    private static final String ANNOTATION_COLUMNS =
            "uuid, kind, geom, z, t, label, source, author, confidence, state, created, modified";

    private final Path workspace;
    private final String url;
    private final Connection connection;
    private final int schemaVersion;
    private Cleaner cleaner;

    private H2Store(Path workspace, String url, Connection connection, int schemaVersion) {
        this.workspace = workspace;
        this.url = url;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /** Opens or creates the store of the workspace folder (created when missing). */
    public static H2Store open(Path workspace) {
        Path ws = workspace.toAbsolutePath().normalize();
        try {
            Files.createDirectories(ws);
        } catch (IOException e) {
            throw BadInputException.forFile(ws, "cannot create the workspace folder: " + e.getMessage(), e);
        }
        if (!Files.isWritable(ws)) {
            throw BadInputException.forFile(ws, "workspace folder is not writable");
        }
        // AUTO_SERVER: the first process opens the file and serves it to the others of the workspace over
        // a local TCP port written to focal-store.lock.db (with a random key), so several Focal processes
        // share one workspace; AUTO_RECONNECT: when the serving process exits, a client reconnects (and may
        // serve in turn) instead of failing its next query with an EOFException. WRITE_DELAY=0: H2 writes every commit to the file before commit() returns
        // (its default delays writes by 500 ms, so a kill right after a reported success lost the data).
        String url = "jdbc:h2:file:" + ws.resolve(DB_NAME) + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";
        for (int attempt = 1;; attempt++) {
            try {
                return open(ws, url);
            } catch (IllegalStateException | BadInputException e) {
                // H2 2.5 can fail the first writes after recovering from a killed process: "database
                // has been closed" (90098), or a lock timeout (50200) on rows the dead process's
                // transaction still held; a fresh open after H2 finished its own rollback sees a clean store.
                // In a shared workspace an open can also meet the serving process while it starts or exits:
                // "Lock file recently modified" (8000), already open (90020), connection broken (90067),
                // IO exception (90028); a moment later the lock file names the new server.
                int code = e.getCause() instanceof SQLException sql ? sql.getErrorCode() : 0;
                boolean transientOpen = code == 90098 || code == 50200 || code == 90067 || code == 8000 || code == 90020
                        || code == 90028;
                if (!transientOpen || attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Opens tried before giving up (about 4.5 s of waiting in all). */
    private static final int OPEN_ATTEMPTS = 10;

    private static H2Store open(Path ws, String url) {
        Connection c;
        try {
            c = new org.h2.Driver().connect(url, new Properties());
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN_1: a Focal without AUTO_SERVER holds it
                throw BadInputException.forFile(ws, "workspace is in use by another Focal process", e);
            }
            throw new IllegalStateException("cannot open the store in " + ws + ": " + e.getMessage(), e);
        }
        try {
            int version = Migrations.migrate(c);
            c.setAutoCommit(false);
            H2Store store = new H2Store(ws, url, c, version);
            try {
                store.recover();
            } catch (RuntimeException e) {
                store.closeQuietly();
                throw e;
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot migrate the store in " + ws + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs work in one transaction: commit on success, rollback on any failure. */
    private synchronized <T> T tx(Work<T> work) {
        hidden = null;
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            if ("23505".equals(e.getSQLState())) { // unique constraint
                throw new BadInputException("already exists: " + shortMessage(e), e);
            }
            throw new IllegalStateException("store error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(e);
            throw e;
        }
    }

    /**
     * A transaction that changes data the user sees: returns only once the commit is on disk
     * (written and synced), so a success printed afterwards survives a kill or a power cut.
     */
    private synchronized <T> T writeTx(Work<T> work) {
        // no purge commit of this process between: H2 skips a store when another thread stored
        // meanwhile, and that store may have missed this commit (seen: a reported import lost)
        synchronized (commitLock) {
            T result = tx(work);
            tx(() -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
                return null;
            });
            return result;
        }
    }

    /** Serialises the purge's commits with the durable commits of this process. */
    private final Object commitLock = new Object();

    /**
     * The rows of a bulk write, committed in small batches under its journal id: H2 writes batches of
     * a big open transaction to the file, and after a kill it was seen to keep some of them (and to
     * lose index entries of them, so deleting them timed out "trying to lock table"). Committed
     * batches are ordinary rows; {@link #visible} hides them until the entry is 'done'.
     */
    private final class Batches {
        private final long journal;
        private int pending;
        private long lastHeartbeat = System.nanoTime();

        Batches(long journal) {
            this.journal = journal;
        }

        /** Executes the statement's batch; commits when enough rows are pending. */
        void flush(PreparedStatement ps, int rows) throws SQLException {
            if (ps != null) {
                ps.executeBatch();
            }
            pending += rows;
            if (pending >= COMMIT_ROWS) {
                commit();
            }
        }

        void commit() throws SQLException {
            if (System.nanoTime() - lastHeartbeat > 5_000_000_000L) {
                try (PreparedStatement ps = connection.prepareStatement("UPDATE imports SET heartbeat = ? WHERE id = ?")) {
                    ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setLong(2, journal);
                    ps.executeUpdate();
                }
                lastHeartbeat = System.nanoTime();
            }
            connection.commit();
            pending = 0;
        }
    }

    @FunctionalInterface
    private interface BulkWork<T> {
        /** Writes the rows (tagged with the journal id) and returns what the finishing commit does. */
        Work<T> write(long journal, Batches batches) throws SQLException;
    }

    /**
     * A bulk write, whole or absent: a journal entry 'running' (with its owner process) is committed
     * first; the rows are written in committed batches carrying its id, invisible to every query;
     * one small transaction then runs the finishing work (labels, updates of existing rows) and turns
     * the entry 'done', which makes all rows visible at once; it is synced before this returns. On
     * failure, and at the next open after a kill, the rows are deleted.
     */
    private synchronized <T> T bulk(BulkWork<T> work) {
        long journal = tx(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO imports(started, state, owner, heartbeat) VALUES (?, 'running', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                ps.setObject(1, now);
                ps.setString(2, Owner.self().toString());
                ps.setObject(3, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        boolean ok = false;
        try {
            Batches batches = new Batches(journal);
            Work<T> finish = tx(() -> work.write(journal, batches));
            T result = writeTx(() -> {
                T r = finish.run();
                try (PreparedStatement ps = connection.prepareStatement(
                        "UPDATE imports SET state = 'done', finished = ? WHERE id = ? AND state = 'running' AND owner = ?")) {
                    ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setLong(2, journal);
                    ps.setString(3, Owner.self().toString());
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalStateException("the import was rolled back by another Focal process"
                                + " that took this one for dead; run it again");
                    }
                }
                return r;
            });
            ok = true;
            return result;
        } finally {
            if (!ok) {
                try {
                    undoBulk(journal);
                } catch (RuntimeException e) {
                    // the rows stay invisible; the next open of the workspace removes them
                }
            }
        }
    }

    /**
     * Claims a journal entry as read (state and owner), so two processes never undo the same one:
     * it turns 'failed' (invisible) with this process as owner. Returns whether the claim won.
     */
    private boolean claim(long journal, String owner, String state) {
        return tx(() -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE imports SET state = 'failed', owner = ?, heartbeat = ?"
                    + " WHERE id = ? AND state = ? AND owner IS NOT DISTINCT FROM ?")) {
                ps.setString(1, Owner.self().toString());
                ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setLong(3, journal);
                ps.setString(4, state);
                ps.setString(5, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Undoes a bulk write of this process that failed: claim, then delete its rows now. */
    private synchronized void undoBulk(long journal) {
        if (claim(journal, Owner.self().toString(), "running")) {
            tx(() -> Purge.entry(connection, journal, () -> false, new Object()));
        }
    }

    /**
     * Undoes the bulk writes of dead processes (a kill, a crash): entries 'running' or 'failed' whose
     * owner is no longer alive. Entries of live processes (a shared workspace) are left alone. The
     * claimed entries are invisible at once; their rows are deleted by a background thread on its own
     * connection, so opening stays fast after a killed 100 000-row import. Returns the entries claimed.
     */
    List<Long> recover() {
        record Entry(long id, String state, String owner, OffsetDateTime heartbeat) {
        }
        List<Entry> open = tx(() -> {
            List<Entry> all = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, state, owner, heartbeat FROM imports WHERE state IN ('running', 'failed') ORDER BY id")) {
                while (rs.next()) {
                    all.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return all;
        });
        List<Long> claimed = new ArrayList<>();
        for (Entry e : open) {
            if (!Owner.alive(e.owner(), e.heartbeat()) && claim(e.id(), e.owner(), e.state())) {
                claimed.add(e.id());
            }
        }
        if (!claimed.isEmpty()) {
            cleaner = new Cleaner(url, claimed, commitLock);
            cleaner.start();
        }
        return claimed;
    }

    /** Deletes the rows of claimed entries on its own connection until done or the store closes. */
    private static final class Cleaner extends Thread {
        private final String url;
        private final List<Long> entries;
        private volatile boolean stop;
        private final Object lock;

        Cleaner(String url, List<Long> entries, Object lock) {
            super("Focal store cleanup");
            this.lock = lock;
            setDaemon(true);
            this.url = url;
            this.entries = entries;
        }

        @Override
        public void run() {
            try (Connection c = new org.h2.Driver().connect(url, new Properties())) {
                c.setAutoCommit(false);
                for (long id : entries) {
                    if (!Purge.entry(c, id, () -> stop, lock)) {
                        return;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // the entries stay 'failed' and invisible; the next open of the workspace goes on
            }
        }

        /** Lets the purge go on for up to 2 s more, then stops it after its current batch. */
        void finish() {
            try {
                join(2000);
                stop = true;
                join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bulk writes hidden in the current transaction (null: not read yet). */
    private String hidden;

    /**
     * The SQL condition that a row of {@code alias} (images or annotations) is visible: not written by
     * a bulk write that is running, failed or undone, nor by one that started after this transaction
     * first looked (another process's). Literal ids, read once per transaction: a subquery per row
     * made counting slow.
     */
    private String visible(String alias) throws SQLException {
        if (hidden == null) {
            long max;
            StringBuilder ids = new StringBuilder();
            try (Statement s = connection.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM imports")) {
                    rs.next();
                    max = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT id FROM imports WHERE state <> 'done'")) {
                    while (rs.next()) {
                        ids.append(ids.isEmpty() ? "" : ", ").append(rs.getLong(1));
                    }
                }
            }
            hidden = "<= " + max + (ids.isEmpty() ? "" : " AND %1$s.import_id NOT IN (" + ids + ")");
        }
        return ("(%1$s.import_id IS NULL OR %1$s.import_id " + hidden + ")").formatted(alias);
    }

    private void rollback(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String shortMessage(SQLException e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    // ------------------------------------------------------------------ datasets

    @Override
    public DatasetInfo createDataset(Dataset d) {
        checkName(d.name());
        return writeTx(() -> {
            if (findDatasetRow(d.name()).isPresent()) {
                throw new BadInputException("dataset '" + d.name() + "' already exists in " + workspace);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO datasets(name, description, task, labels, scenario, created) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, d.name());
                ps.setString(2, d.description());
                ps.setString(3, d.task().name());
                ps.setString(4, labelsJson(d.labels()));
                ps.setString(5, d.scenarioId());
                ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return findDatasetRow(d.name()).orElseThrow();
        });
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || !name.strip().equals(name) || name.length() > 200
                || name.chars().anyMatch(ch -> ch < 32 || ch == '/' || ch == '\\')) {
            throw new BadInputException("dataset name '" + name
                    + "' is not valid: 1-200 characters, no surrounding spaces, no slashes or control characters");
        }
    }

    @Override
    public List<DatasetInfo> datasets() {
        return tx(() -> {
            List<DatasetInfo> all = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(datasetQuery() + " ORDER BY d.name")) {
                while (rs.next()) {
                    all.add(datasetRow(rs));
                }
            }
            return all;
        });
    }

    private String datasetQuery() throws SQLException {
        return """
            SELECT d.id, d.name, d.description, d.task, d.labels, d.scenario, d.created,
                (SELECT COUNT(*) FROM images i WHERE i.dataset_id = d.id AND %s),
                (SELECT COUNT(*) FROM annotations a JOIN images i ON a.image_id = i.id WHERE i.dataset_id = d.id AND %s AND %s)
            FROM datasets d""".formatted(visible("i"), visible("i"), visible("a"));
    }

    private DatasetInfo datasetRow(ResultSet rs) throws SQLException {
        Dataset d = new Dataset(rs.getString(2), rs.getString(3), Task.valueOf(rs.getString(4)),
                readLabels(rs.getString(5)), rs.getString(6));
        return new DatasetInfo(rs.getLong(1), d, rs.getInt(8), rs.getLong(9),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    private Optional<DatasetInfo> findDatasetRow(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(datasetQuery() + " WHERE d.name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(datasetRow(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<DatasetInfo> findDataset(String name) {
        return tx(() -> findDatasetRow(name));
    }

    @Override
    public DatasetInfo dataset(String name) {
        return findDataset(name).orElseThrow(() -> missing(name));
    }

    private BadInputException missing(String name) {
        return new BadInputException("no dataset '" + name + "' in workspace " + workspace);
    }

    private DatasetInfo requireRow(String name) throws SQLException {
        return findDatasetRow(name).orElseThrow(() -> missing(name));
    }

    @Override
    public void renameDataset(String name, String newName) {
        checkName(newName);
        writeTx(() -> {
            requireRow(name);
            if (!name.equals(newName) && findDatasetRow(newName).isPresent()) {
                throw new BadInputException("dataset '" + newName + "' already exists in " + workspace);
            }
            try (PreparedStatement ps = connection.prepareStatement("UPDATE datasets SET name = ? WHERE name = ?")) {
                ps.setString(1, newName);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteDataset(String name) {
        long id = writeTx(() -> {
            DatasetInfo d = requireRow(name);
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM datasets WHERE id = ?")) {
                ps.setLong(1, d.id());
                ps.executeUpdate();
            }
            return d.id();
        });
        deleteTree(workspace.resolve("files").resolve(Long.toString(id)));
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    @Override
    public void setLabels(String dataset, LabelSet labels) {
        writeTx(() -> {
            DatasetInfo d = requireRow(dataset);
            writeLabels(d.id(), labels);
            return null;
        });
    }

    private void writeLabels(long datasetId, LabelSet labels) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE datasets SET labels = ? WHERE id = ?")) {
            ps.setString(1, labelsJson(labels));
            ps.setLong(2, datasetId);
            ps.executeUpdate();
        }
    }

    @Override
    public Path filesFolder(String dataset) {
        DatasetInfo d = dataset(dataset);
        Path folder = workspace.resolve("files").resolve(Long.toString(d.id()));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    // ------------------------------------------------------------------ images

    @Override
    public List<ImageRecord> addImages(String dataset, List<NewImage> images, ProgressMonitor monitor) {
        return bulk((journal, batches) -> {
            DatasetInfo d = requireRow(dataset);
            monitor.begin("Adding " + images.size() + " images to " + dataset, images.size());
            Set<String> existing = new java.util.HashSet<>();
            for (ImageRecord r : imagesOf(d.id())) {
                existing.add(r.name());
            }
            for (NewImage image : images) {
                if (!existing.add(image.name())) {
                    throw new BadInputException("dataset '" + dataset + "' already has an image named " + image.name());
                }
            }
            try (PreparedStatement ps = insertImageStatement()) {
                int n = 0;
                for (NewImage image : images) {
                    monitor.checkCanceled();
                    bindImage(ps, d.id(), image);
                    ps.setLong(10, journal);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        batches.flush(ps, BATCH);
                    }
                    monitor.worked(1);
                }
                batches.flush(ps, n % BATCH);
            }
            monitor.done();
            return () -> {
                List<ImageRecord> added = new ArrayList<>();
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT " + IMAGE_COLUMNS + " FROM images WHERE import_id = ? ORDER BY id")) {
                    ps.setLong(1, journal);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            added.add(imageRow(rs));
                        }
                    }
                }
                return added;
            };
        });
    }

    private PreparedStatement insertImageStatement() throws SQLException {
        return connection.prepareStatement("INSERT INTO images(dataset_id, name, path, copied, width, height, size_z, "
                + "external_id, metadata, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
    }

    private static void bindImage(PreparedStatement ps, long datasetId, NewImage image) throws SQLException {
        ps.setLong(1, datasetId);
        ps.setString(2, image.name());
        ps.setString(3, image.path());
        ps.setBoolean(4, image.copied());
        ps.setInt(5, image.width());
        ps.setInt(6, image.height());
        ps.setInt(7, Math.max(1, image.sizeZ()));
        ps.setString(8, image.externalId());
        ps.setString(9, image.metadata().isEmpty() ? null : json(image.metadata()));
        ps.setNull(10, Types.BIGINT);
    }

    @Override
    public List<ImageRecord> images(String dataset) {
        return tx(() -> imagesOf(requireRow(dataset).id()));
    }

    private static final String IMAGE_COLUMNS = "id, dataset_id, name, path, copied, width, height, size_z, external_id, metadata";

    private List<ImageRecord> imagesOf(long datasetId) throws SQLException {
        List<ImageRecord> all = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + IMAGE_COLUMNS + " FROM images i WHERE dataset_id = ? AND " + visible("i") + " ORDER BY id")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(imageRow(rs));
                }
            }
        }
        return all;
    }

    private static ImageRecord imageRow(ResultSet rs) throws SQLException {
        String meta = rs.getString(10);
        return new ImageRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9), meta == null ? Map.of() : readMap(meta));
    }

    @Override
    public Optional<ImageRecord> image(long imageId) {
        return tx(() -> imageRowById(imageId));
    }

    @Override
    public Map<Long, Long> annotationCounts(String dataset) {
        return tx(() -> {
            DatasetInfo d = requireRow(dataset);
            Map<Long, Long> counts = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT a.image_id, COUNT(*) FROM annotations a "
                    + "JOIN images i ON a.image_id = i.id WHERE i.dataset_id = ? AND " + visible("a") + " GROUP BY a.image_id")) {
                ps.setLong(1, d.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    private Optional<ImageRecord> imageRowById(long imageId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + IMAGE_COLUMNS + " FROM images i WHERE id = ? AND " + visible("i"))) {
            ps.setLong(1, imageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(imageRow(rs)) : Optional.empty();
            }
        }
    }

    private ImageRecord requireImage(long imageId) throws SQLException {
        return imageRowById(imageId).orElseThrow(() -> new BadInputException("no image with id " + imageId + " in " + workspace));
    }

    // ------------------------------------------------------------------ annotations

    @Override
    public ImportResult importContent(String dataset, DatasetContent content, ProgressMonitor monitor) {
        return bulk((journal, batches) -> {
            DatasetInfo d = requireRow(dataset);
            long total = content.images().stream().mapToLong(i -> i.annotations().size() + 1L).sum();
            monitor.begin("Importing annotations into " + dataset, total);
            // labels
            Set<String> names = new LinkedHashSet<>();
            content.dataset().labels().labels().forEach(l -> names.add(l.name()));
            content.images().forEach(i -> i.annotations().forEach(a -> names.add(a.label())));
            // changes of existing rows wait for the finishing commit, with the journal entry turning 'done'
            List<Work<Void>> finish = new ArrayList<>();
            // images
            List<ImageRecord> existing = imagesOf(d.id());
            Map<String, ImageRecord> byName = new HashMap<>();
            Map<String, List<ImageRecord>> byFileName = new HashMap<>();
            Map<String, List<ImageRecord>> byStem = new HashMap<>();
            for (ImageRecord r : existing) {
                byName.put(r.name(), r);
                byFileName.computeIfAbsent(fileName(r.name()), k -> new ArrayList<>()).add(r);
                byStem.computeIfAbsent(stem(r.name()), k -> new ArrayList<>()).add(r);
            }
            int imagesAdded = 0;
            int matched = 0;
            int annotations = 0;
            try (PreparedStatement insertImage = insertImageStatement();
                    PreparedStatement insertAnnotation = insertAnnotationStatement()) {
                for (DatasetContent.Image image : content.images()) {
                    monitor.checkCanceled();
                    String name = image.path().replace('\\', '/');
                    ImageRecord target = byName.get(name);
                    if (target == null) {
                        List<ImageRecord> candidates = byFileName.getOrDefault(fileName(name), List.of());
                        target = candidates.size() == 1 ? candidates.get(0) : null;
                    }
                    if (target == null) {
                        List<ImageRecord> candidates = byStem.getOrDefault(stem(name), List.of());
                        target = candidates.size() == 1 ? candidates.get(0) : null;
                    }
                    long imageId;
                    if (target != null) {
                        matched++;
                        imageId = target.id();
                        long id = imageId;
                        if (target.width() == 0 && image.width() > 0) {
                            finish.add(() -> {
                            try (PreparedStatement ps = connection.prepareStatement(
                                    "UPDATE images SET width = ?, height = ? WHERE id = ?")) {
                                ps.setInt(1, image.width());
                                ps.setInt(2, image.height());
                                ps.setLong(3, id);
                                ps.executeUpdate();
                            }
                            return null;
                            });
                        }
                        Map<String, String> merged = new LinkedHashMap<>(target.metadata());
                        image.metadata().forEach((k, v) -> {
                            if (!k.startsWith("focal:")) {
                                merged.put(k, v);
                            }
                        });
                        if (!merged.equals(target.metadata())) {
                            // format fields of the import (VOC object attributes, COCO image fields) join the image's
                            finish.add(() -> {
                                try (PreparedStatement ps = connection.prepareStatement("UPDATE images SET metadata = ? WHERE id = ?")) {
                                    ps.setString(1, json(merged));
                                    ps.setLong(2, id);
                                    ps.executeUpdate();
                                }
                                return null;
                            });
                        }
                        if (target.externalId() == null && image.id() != null) {
                            finish.add(() -> {
                                try (PreparedStatement ps = connection.prepareStatement(
                                        "UPDATE images SET external_id = ? WHERE id = ?")) {
                                    ps.setString(1, image.id());
                                    ps.setLong(2, id);
                                    ps.executeUpdate();
                                }
                                return null;
                            });
                        }
                    } else {
                        String location = image.metadata().get("focal:location");
                        Map<String, String> meta = new LinkedHashMap<>(image.metadata());
                        meta.remove("focal:location");
                        bindImage(insertImage, d.id(), new NewImage(name, location, false, image.width(), image.height(),
                                image.sizeZ(), image.id(), meta));
                        insertImage.setLong(10, journal);
                        insertImage.executeUpdate();
                        try (ResultSet keys = insertImage.getGeneratedKeys()) {
                            keys.next();
                            imageId = keys.getLong(1);
                        }
                        ImageRecord r = new ImageRecord(imageId, d.id(), name, location, false, image.width(),
                                image.height(), image.sizeZ(), image.id(), meta);
                        byName.put(name, r);
                        byFileName.computeIfAbsent(fileName(name), k -> new ArrayList<>()).add(r);
                        byStem.computeIfAbsent(stem(name), k -> new ArrayList<>()).add(r);
                        imagesAdded++;
                        batches.flush(null, 1);
                    }
                    monitor.worked(1);
                    int n = 0;
                    for (Annotation a : image.annotations()) {
                        bindAnnotation(insertAnnotation, imageId, a);
                        insertAnnotation.setLong(14, journal);
                        insertAnnotation.addBatch();
                        if (++n % BATCH == 0) {
                            batches.flush(insertAnnotation, BATCH);
                            monitor.worked(BATCH);
                            monitor.checkCanceled();
                        }
                        annotations++;
                    }
                    batches.flush(insertAnnotation, n % BATCH);
                    monitor.worked(n % BATCH);
                }
            }
            monitor.done();
            ImportResult partial = new ImportResult(imagesAdded, matched, annotations, List.of());
            return () -> {
                for (Work<Void> w : finish) {
                    w.run();
                }
                // labels last, from the dataset as it is now (another process may have added some)
                LabelSet labels = requireRow(dataset).dataset().labels();
                List<String> added = names.stream().filter(n -> labels.byName(n).isEmpty()).toList();
                if (!added.isEmpty()) {
                    List<Label> all = new ArrayList<>(labels.labels());
                    for (String n : added) {
                        Label incoming = content.dataset().labels().byName(n).orElse(null);
                        LabelSet next = AnnotationJson.withNames(new LabelSet(all), List.of(n));
                        Label made = next.labels().get(next.labels().size() - 1);
                        if (incoming != null && all.stream().noneMatch(l -> l.color().equalsIgnoreCase(incoming.color()))) {
                            made = new Label(n, incoming.color(), made.hotkey());
                        }
                        all.add(made);
                    }
                    writeLabels(d.id(), new LabelSet(all));
                }
                return new ImportResult(partial.imagesAdded(), partial.imagesMatched(), partial.annotations(), added);
            };
        });
    }

    private static String stem(String name) {
        String f = fileName(name);
        int dot = f.lastIndexOf('.');
        return dot <= 0 ? f : f.substring(0, dot);
    }

    private static String fileName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    @Override
    public DatasetContent content(String dataset, boolean includeRejected, ProgressMonitor monitor) {
        return tx(() -> {
            DatasetInfo d = requireRow(dataset);
            List<ImageRecord> images = imagesOf(d.id());
            monitor.begin("Reading " + dataset, images.size());
            List<DatasetContent.Image> out = new ArrayList<>();
            for (ImageRecord r : images) {
                monitor.checkCanceled();
                List<Annotation> all = annotationsOf(r.id());
                if (!includeRejected) {
                    all = all.stream().filter(a -> a.state() != ReviewState.REJECTED).toList();
                }
                Map<String, String> meta = new LinkedHashMap<>(r.metadata());
                if (r.path() != null) {
                    meta.put("focal:location", r.path());
                }
                out.add(new DatasetContent.Image(r.externalId() != null ? r.externalId() : Long.toString(r.id()), r.name(),
                        r.width(), r.height(), r.sizeZ(), meta, all));
                monitor.worked(1);
            }
            monitor.done();
            return new DatasetContent(d.dataset(), out);
        });
    }

    @Override
    public List<Annotation> annotations(long imageId) {
        return tx(() -> annotationsOf(imageId));
    }

    private List<Annotation> annotationsOf(long imageId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + ANNOTATION_COLUMNS + " FROM annotations a WHERE image_id = ? AND " + visible("a") + " ORDER BY id")) {
            ps.setLong(1, imageId);
            return readAnnotations(ps);
        }
    }

    @Override
    public List<Annotation> annotationsIn(long imageId, ImagePlane plane, Envelope window) {
        return tx(() -> {
            // the spatial index is far more selective than the image index on big images: say so
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + ANNOTATION_COLUMNS
                    + " FROM annotations a USE INDEX (annotations_geom) WHERE geom && ? AND image_id = ? AND z = ? AND t = ? AND "
                    + visible("a"))) {
                ps.setBytes(1, wkb(GeometryJson.FACTORY.toGeometry(window)));
                ps.setLong(2, imageId);
                ps.setInt(3, plane.z());
                ps.setInt(4, plane.t());
                return readAnnotations(ps);
            }
        });
    }

    @Override
    public void addAll(long imageId, List<Annotation> annotations, ProgressMonitor monitor) {
        bulk((journal, batches) -> {
            requireImage(imageId);
            monitor.begin("Storing " + annotations.size() + " annotations", annotations.size());
            try (PreparedStatement ps = insertAnnotationStatement()) {
                int n = 0;
                for (Annotation a : annotations) {
                    bindAnnotation(ps, imageId, a);
                    ps.setLong(14, journal);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        batches.flush(ps, BATCH);
                        monitor.worked(BATCH);
                        monitor.checkCanceled();
                    }
                }
                batches.flush(ps, n % BATCH);
            }
            monitor.done();
            return () -> {
                requireImage(imageId); // still there (another process may have deleted it meanwhile)
                return null;
            };
        });
    }

    private PreparedStatement insertAnnotationStatement() throws SQLException {
        return connection.prepareStatement("INSERT INTO annotations(image_id, " + ANNOTATION_COLUMNS
                + ", import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    private static void bindAnnotation(PreparedStatement ps, long imageId, Annotation a) throws SQLException {
        ps.setLong(1, imageId);
        ps.setObject(2, a.id());
        ps.setString(3, a.kind().name());
        if (a.hasGeometry()) {
            ps.setBytes(4, wkb(a.geometry()));
        } else {
            ps.setNull(4, Types.VARBINARY);
        }
        ps.setInt(5, a.plane().z());
        ps.setInt(6, a.plane().t());
        ps.setString(7, a.label());
        ps.setString(8, a.source().toString());
        ps.setString(9, a.author());
        if (Double.isNaN(a.confidence())) {
            ps.setNull(10, Types.DOUBLE);
        } else {
            ps.setDouble(10, a.confidence());
        }
        ps.setString(11, a.state().name());
        ps.setObject(12, a.created().atOffset(ZoneOffset.UTC));
        ps.setObject(13, a.modified().atOffset(ZoneOffset.UTC));
        ps.setNull(14, Types.BIGINT);
    }

    private static byte[] wkb(Geometry g) {
        return new WKBWriter(2, false).write(g);
    }

    private static List<Annotation> readAnnotations(PreparedStatement ps) throws SQLException {
        List<Annotation> all = new ArrayList<>();
        WKBReader reader = new WKBReader(GeometryJson.FACTORY);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] g = rs.getBytes(3);
                double confidence = rs.getDouble(9);
                if (rs.wasNull()) {
                    confidence = Double.NaN;
                }
                try {
                    all.add(new Annotation(rs.getObject(1, UUID.class), AnnotationKind.valueOf(rs.getString(2)),
                            g == null ? null : reader.read(g), new ImagePlane(rs.getInt(4), rs.getInt(5)), rs.getString(6),
                            AnnotationSource.parse(rs.getString(7)), rs.getString(8), confidence,
                            ReviewState.valueOf(rs.getString(10)), rs.getObject(11, OffsetDateTime.class).toInstant(),
                            rs.getObject(12, OffsetDateTime.class).toInstant()));
                } catch (ParseException e) {
                    throw new SQLException("corrupt geometry: " + e.getMessage(), e);
                }
            }
        }
        return all;
    }

    private Optional<Annotation> annotation(long imageId, UUID id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + ANNOTATION_COLUMNS + " FROM annotations a WHERE image_id = ? AND uuid = ? AND " + visible("a"))) {
            ps.setLong(1, imageId);
            ps.setObject(2, id);
            List<Annotation> found = readAnnotations(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    // ------------------------------------------------------------------ edits with history

    @Override
    public void add(long imageId, Annotation annotation) {
        writeTx(() -> {
            requireImage(imageId);
            if (annotation(imageId, annotation.id()).isPresent()) {
                throw new BadInputException("annotation " + annotation.id() + " already exists");
            }
            apply(imageId, annotation.id(), annotation);
            record(imageId, annotation.id(), null, annotation);
            return null;
        });
    }

    @Override
    public void update(long imageId, Annotation annotation) {
        writeTx(() -> {
            Annotation before = annotation(imageId, annotation.id())
                    .orElseThrow(() -> new BadInputException("no annotation " + annotation.id() + " on image " + imageId));
            apply(imageId, annotation.id(), annotation);
            record(imageId, annotation.id(), before, annotation);
            return null;
        });
    }

    @Override
    public void delete(long imageId, UUID annotationId) {
        writeTx(() -> {
            Annotation before = annotation(imageId, annotationId)
                    .orElseThrow(() -> new BadInputException("no annotation " + annotationId + " on image " + imageId));
            apply(imageId, annotationId, null);
            record(imageId, annotationId, before, null);
            return null;
        });
    }

    /** Makes the stored annotation equal {@code state} (null: absent). */
    private void apply(long imageId, UUID id, Annotation state) throws SQLException {
        try (PreparedStatement del = connection.prepareStatement(
                "DELETE FROM annotations a WHERE image_id = ? AND uuid = ? AND " + visible("a"))) {
            del.setLong(1, imageId);
            del.setObject(2, id);
            del.executeUpdate();
        }
        if (state != null) {
            try (PreparedStatement ps = insertAnnotationStatement()) {
                bindAnnotation(ps, imageId, state);
                ps.executeUpdate();
            }
        }
    }

    private void record(long imageId, UUID id, Annotation before, Annotation after) throws SQLException {
        try (PreparedStatement clear = connection.prepareStatement("DELETE FROM edits WHERE image_id = ? AND undone")) {
            clear.setLong(1, imageId);
            clear.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO edits(image_id, annotation, before_json, after_json, at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, imageId);
            ps.setObject(2, id);
            ps.setString(3, before == null ? null : AnnotationJson.write(before).toString());
            ps.setString(4, after == null ? null : AnnotationJson.write(after).toString());
            ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    @Override
    public boolean undo(long imageId) {
        return step(imageId, true);
    }

    @Override
    public boolean redo(long imageId) {
        return step(imageId, false);
    }

    private boolean step(long imageId, boolean undo) {
        return writeTx(() -> {
            String sql = undo
                    ? "SELECT id, annotation, before_json FROM edits WHERE image_id = ? AND NOT undone ORDER BY id DESC LIMIT 1"
                    : "SELECT id, annotation, after_json FROM edits WHERE image_id = ? AND undone ORDER BY id ASC LIMIT 1";
            long editId;
            UUID id;
            String json;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setLong(1, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    editId = rs.getLong(1);
                    id = rs.getObject(2, UUID.class);
                    json = rs.getString(3);
                }
            }
            try {
                apply(imageId, id, json == null ? null : AnnotationJson.read(AnnotationJson.MAPPER.readTree(json)));
            } catch (JsonProcessingException e) {
                throw new SQLException("corrupt edit history: " + e.getMessage(), e);
            }
            try (PreparedStatement ps = connection.prepareStatement("UPDATE edits SET undone = ? WHERE id = ?")) {
                ps.setBoolean(1, undo);
                ps.setLong(2, editId);
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<Edit> history(long imageId) {
        return tx(() -> {
            requireImage(imageId);
            List<Edit> edits = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT id, annotation, before_json, after_json, at, undone FROM edits WHERE image_id = ? ORDER BY id")) {
                ps.setLong(1, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String before = rs.getString(3);
                        String after = rs.getString(4);
                        String action = before == null ? "add" : after == null ? "delete" : "update";
                        String label;
                        try {
                            label = AnnotationJson.MAPPER.readTree(after == null ? before : after).path("label").asText(null);
                        } catch (JsonProcessingException e) {
                            throw new SQLException("corrupt edit history: " + e.getMessage(), e);
                        }
                        edits.add(new Edit(rs.getLong(1), rs.getObject(2, UUID.class), action, label,
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBoolean(6)));
                    }
                }
            }
            return edits;
        });
    }

    @Override
    public Optional<Long> latestEditedImage(String dataset, boolean forRedo) {
        return tx(() -> {
            long datasetId = findDatasetRow(dataset).orElseThrow(() -> missing(dataset)).id();
            try (PreparedStatement ps = connection.prepareStatement("SELECT e.image_id FROM edits e JOIN images i ON i.id = e.image_id"
                    + " WHERE i.dataset_id = ? AND e.undone = ? ORDER BY e.id DESC LIMIT 1")) {
                ps.setLong(1, datasetId);
                ps.setBoolean(2, forRedo);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    // ------------------------------------------------------------------ sessions and progress

    @Override
    public long startSession(long imageId, String annotator) {
        return writeTx(() -> {
            requireImage(imageId);
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO sessions(image_id, annotator, started) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, imageId);
                ps.setString(2, annotator);
                ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public void endSession(long sessionId) {
        writeTx(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE sessions SET ended = ? WHERE id = ? AND ended IS NULL")) {
                ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setLong(2, sessionId);
                if (ps.executeUpdate() != 1) {
                    throw new BadInputException("no open annotation session " + sessionId);
                }
            }
            return null;
        });
    }

    @Override
    public DatasetStats stats(String dataset) {
        return tx(() -> {
            DatasetInfo d = requireRow(dataset);
            Map<String, Long> perLabel = new LinkedHashMap<>();
            d.dataset().labels().labels().forEach(l -> perLabel.put(l.name(), 0L));
            Map<ReviewState, Long> perState = new EnumMap<>(ReviewState.class);
            for (ReviewState s : ReviewState.values()) {
                perState.put(s, 0L);
            }
            long annotations = 0;
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT a.label, a.state, COUNT(*) FROM annotations a JOIN images i ON a.image_id = i.id
                    WHERE i.dataset_id = ? AND %s GROUP BY a.label, a.state""".formatted(visible("a")))) {
                ps.setLong(1, d.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ReviewState state = ReviewState.valueOf(rs.getString(2));
                        long n = rs.getLong(3);
                        perState.merge(state, n, Long::sum);
                        annotations += n;
                        if (state != ReviewState.REJECTED) {
                            perLabel.merge(rs.getString(1), n, Long::sum);
                        }
                    }
                }
            }
            int annotated;
            int reviewed;
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT COUNT(*), COUNT(CASE WHEN predicted = 0 THEN 1 END) FROM (
                        SELECT a.image_id, SUM(CASE WHEN a.state = 'PREDICTED' THEN 1 ELSE 0 END) AS predicted
                        FROM annotations a JOIN images i ON a.image_id = i.id WHERE i.dataset_id = ? AND %s
                        GROUP BY a.image_id)""".formatted(visible("a")))) {
                ps.setLong(1, d.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    annotated = rs.getInt(1);
                    reviewed = rs.getInt(2);
                }
            }
            Duration time = Duration.ZERO;
            int sessions = 0;
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT s.started, s.ended FROM sessions s JOIN images i ON s.image_id = i.id
                    WHERE i.dataset_id = ? AND s.ended IS NOT NULL""")) {
                ps.setLong(1, d.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        time = time.plus(Duration.between(rs.getObject(1, OffsetDateTime.class),
                                rs.getObject(2, OffsetDateTime.class)));
                        sessions++;
                    }
                }
            }
            return new DatasetStats(d.images(), annotated, reviewed, annotations, perLabel, perState, time, sessions);
        });
    }

    private void closeQuietly() {
        if (cleaner != null) {
            cleaner.finish();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // already broken
        }
    }

    @Override
    public synchronized void close() {
        if (cleaner != null) {
            cleaner.finish();
        }
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the store: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ JSON helpers

    private static String labelsJson(LabelSet labels) {
        return AnnotationJson.writeLabels(labels).toString();
    }

    private static LabelSet readLabels(String json) {
        try {
            return AnnotationJson.readLabels(AnnotationJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt label set in the store: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, String> map) {
        try {
            return AnnotationJson.MAPPER.writeValueAsString(new java.util.TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readMap(String json) {
        try {
            Map<String, String> map = new LinkedHashMap<>();
            AnnotationJson.MAPPER.readTree(json).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt image metadata in the store: " + e.getMessage(), e);
        }
    }


}
