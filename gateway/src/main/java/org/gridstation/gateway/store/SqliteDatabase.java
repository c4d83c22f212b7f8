package org.gridstation.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file {@code <data>/gateway.db}, a town's store. Writes run one at a time on the writer
 * connection, each inside a transaction; reads run on a separate connection and see the last commit
 * (WAL).
 */
final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    /** The writer connection's page cache, at most (KiB). */
    static final int WRITER_CACHE_KIB = 64 * 1024;
    /** The reader connection's page cache, at most (KiB). */
    static final int READER_CACHE_KIB = 16 * 1024;

    private final Path file;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private Connection writer;
    private Connection reader;

    SqliteDatabase(Path file) {
        this.file = file;
    }

    /** Opens the file, creating it and migrating the schema as needed. */
    @Override
    public void start() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        try {
            writer = open(WRITER_CACHE_KIB);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            writer.setAutoCommit(false);
            int version = Schema.migrate(writer, Dialect.SQLITE);
            reader = open(READER_CACHE_KIB);
            log.info("store open at {} (schema version {})", file, version);
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open store " + file, e);
        }
    }

    private Connection open(int cacheKib) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        // The driver otherwise runs "SELECT last_insert_rowid()" as a statement of its own after
        // every INSERT, prepared anew each time (about a tenth of the ingest writer's samples in a
        // county burst); the store reads new ids with RETURNING instead.
        props.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, props);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            // FULL: a commit survives a power cut. The gateway acknowledges events right after the
            // commit and the kiosk then deletes them, so a commit WAL mode's NORMAL could still lose
            // would lose events for good. Batching keeps the cost to one fsync per batch.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
            // The page cache, filled as pages are read (SQLite's default holds 2 MiB): a county
            // store grows by about 1 GB a million events, and the ingest's inserts land all over
            // the incidents' and events' indexes, so with 2 MiB most of them read their pages
            // again from the file (9 % of the writer's CPU per event in `bench ingest`).
            s.execute("PRAGMA cache_size=-" + cacheKib);
        }
        return c;
    }

    /** Runs {@code work} in one transaction on the writer connection; rolls back if it throws. */
    @Override
    public <T> T write(SqlFunction<T> work) {
        synchronized (writeLock) {
            requireOpen(writer);
            try {
                T result = work.apply(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("write failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }
    }

    /** Runs {@code work} on the reader connection. */
    @Override
    public <T> T read(SqlFunction<T> work) {
        synchronized (readLock) {
            requireOpen(reader);
            try {
                return work.apply(reader);
            } catch (SQLException e) {
                throw new StoreException("read failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public String describe() {
        return "SQLite " + file;
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed: {}", e.toString());
        }
    }

    private static void requireOpen(Connection c) {
        if (c == null) {
            throw new IllegalStateException("store is not open");
        }
    }

    /** Closes both connections; idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closeQuietly(writer);
            writer = null;
        }
        synchronized (readLock) {
            closeQuietly(reader);
            reader = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("closing store connection: {}", e.toString());
            }
        }
    }
}
