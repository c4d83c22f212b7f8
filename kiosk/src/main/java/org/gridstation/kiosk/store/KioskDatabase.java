package org.gridstation.kiosk.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The kiosk's one SQLite database ({@code outbox.db}): the outbox, the persisted counters and the
 * local on-duty state, so that an event and the state change it records commit together.
 *
 * <p>One connection, {@code journal_mode=WAL}, {@code synchronous=FULL}: a committed transaction
 * survives power loss. Every access goes through {@link #transaction} or {@link #read}, which
 * serialise on one lock. The size limit is enforced by SQLite itself ({@code max_page_count}), so a
 * transaction that would grow the file past it fails as {@link StoreFullException} and changes
 * nothing; a real full disk fails the same way.
 */
public final class KioskDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KioskDatabase.class);

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final long pageSize;
    private boolean closed;

    private KioskDatabase(Path file, Connection connection, long pageSize) {
        this.file = file;
        this.connection = connection;
        this.pageSize = pageSize;
    }

    /**
     * Opens (creating if needed) {@code outbox.db} in {@code dataDir}.
     *
     * @param maxBytes the database refuses to grow past this many bytes
     */
    public static KioskDatabase open(Path dataDir, long maxBytes) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve("outbox.db");
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
                Schema.create(s);
                long pageSize = single(s, "PRAGMA page_size");
                long maxPages = Math.max(1, maxBytes / pageSize);
                s.execute("PRAGMA max_page_count=" + maxPages);
                c.setAutoCommit(false);
                log.info("opened {} (page size {}, at most {} pages)", file, pageSize, maxPages);
                return new KioskDatabase(file, c, pageSize);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open kiosk database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction and commits it (durably) before returning.
     *
     * @throws StoreFullException if the database is at its size limit or the disk is full; nothing
     *     of the transaction is kept
     */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            requireOpen();
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (e instanceof SQLException && isFull((SQLException) e)) {
                    throw new StoreFullException(file, (SQLException) e);
                }
                if (e instanceof SQLException) {
                    throw new IllegalStateException("kiosk database error: " + e.getMessage(), e);
                }
                throw (RuntimeException) e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs a read-only query under the lock. */
    public <T> T read(Work<T> work) {
        return transaction(work);
    }

    /** Bytes the database occupies: its pages, including those still only in the WAL. */
    public long sizeBytes() {
        return read(c -> {
            try (Statement s = c.createStatement()) {
                return single(s, "PRAGMA page_count") * pageSize;
            }
        });
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
                log.info("closed {}", file);
            } catch (SQLException e) {
                log.warn("closing {} failed: {}", file, e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Increments the named persisted counter inside the caller's transaction and returns the new value. */
    public static long nextCounter(Connection c, String name) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "INSERT INTO counters(name, value) VALUES (?, 1) "
                        + "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")) {
            up.setString(1, name);
            try (ResultSet rs = up.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The current value of a counter (0 if never incremented). */
    public static long counter(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("kiosk database is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // SQLite rolls back by itself on SQLITE_FULL and some I/O errors; the driver then never
            // reopened its transaction, so open the next one here
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException again) {
                log.warn("rollback failed: {}; reopening the transaction failed: {}", e.getMessage(), again.getMessage());
            }
        }
    }

    private static boolean isFull(SQLException e) {
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            return code == SQLiteErrorCode.SQLITE_FULL || code == SQLiteErrorCode.SQLITE_IOERR_WRITE;
        }
        return (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
