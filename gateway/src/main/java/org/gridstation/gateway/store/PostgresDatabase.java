package org.gridstation.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A county's store in PostgreSQL, shared by every gateway instance. Reads take any pooled
 * connection. Writes take one transaction-scoped advisory lock, {@link #WRITE_LOCK}, first: writes
 * are serialised across all instances as SQLite serialises them in one, so the gateway's
 * read-then-write logic (the audit log's hash chain, settings versions, duty rebuilds) needs no
 * second design. Migrations run under the same lock, so instances starting together migrate once.
 */
final class PostgresDatabase implements Database {
    /** The advisory lock key of the gateway's writes ("gridstat" in ASCII). */
    static final long WRITE_LOCK = 0x6772696473746174L;
    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

    private final StoreSettings settings;
    private final Object writeLock = new Object();
    private volatile HikariDataSource pool;

    PostgresDatabase(StoreSettings settings) {
        if (settings.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("not PostgreSQL settings: " + settings);
        }
        this.settings = settings;
    }

    @Override
    public void start() {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("store");
        hc.setJdbcUrl(settings.url().orElseThrow());
        settings.user().ifPresent(hc::setUsername);
        settings.password().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(10_000);
        settings.schema().ifPresent(s -> hc.setConnectionInitSql("SET search_path TO " + s));
        try {
            settings.schema().ifPresent(this::createSchema);
            pool = new HikariDataSource(hc);
            int version;
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                lock(c);
                version = Schema.migrate(c, Dialect.POSTGRESQL);
                warnIfNotBytewise(c);
            }
            log.info("store open: {} (schema version {})", describe(), version);
        } catch (SQLException | RuntimeException e) {
            close();
            throw new StoreException("cannot open store " + describe() + ": " + e.getMessage(), e);
        }
    }

    private void createSchema(String schema) {
        try (Connection c = settings.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new StoreException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private void warnIfNotBytewise(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
            if (rs.next() && !rs.getString(1).startsWith("C") && !"POSIX".equals(rs.getString(1))) {
                log.warn("the database's collation is {}, not C: lists sort differently from a town's SQLite store "
                        + "(create the database with LC_COLLATE 'C.UTF-8', docs/scaling.md)", rs.getString(1));
            }
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
        }
    }

    @Override
    public <T> T write(SqlFunction<T> work) {
        HikariDataSource p = requireOpen();
        // one writer per instance at a time keeps the pool's other connections free for reads
        synchronized (writeLock) {
            try (Connection c = p.getConnection()) {
                c.setAutoCommit(false);
                try {
                    lock(c);
                    T result = work.apply(c);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(c);
                    throw new StoreException("write failed: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    rollback(c);
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("write failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public <T> T read(SqlFunction<T> work) {
        HikariDataSource p = requireOpen();
        try (Connection c = p.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed: {}", e.toString());
        }
    }

    private HikariDataSource requireOpen() {
        HikariDataSource p = pool;
        if (p == null) {
            throw new IllegalStateException("store is not open");
        }
        return p;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String describe() {
        return "PostgreSQL " + settings.url().orElse("?") + settings.schema().map(s -> " schema " + s).orElse("");
    }

    @Override
    public void close() {
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
    }
}
