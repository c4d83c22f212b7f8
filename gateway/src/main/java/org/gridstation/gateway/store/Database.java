package org.gridstation.gateway.store;

import java.nio.file.Path;

/**
 * The gateway's store: SQLite for a town (the default), PostgreSQL for a county. Every write runs
 * in one transaction and writes are serialised — in SQLite by its single writer, in PostgreSQL
 * across all gateway instances by one advisory lock — so a read-then-write inside {@link #write}
 * sees no other writer's changes in between, on either engine. Queries are written in SQL both
 * engines understand; instants are UTC epoch milliseconds.
 */
public interface Database extends AutoCloseable {

    /** The SQLite store in {@code file}. */
    static Database sqlite(Path file) {
        return new SqliteDatabase(file);
    }

    /** The store {@code settings} choose; SQLite lives in {@code <dataDir>/gateway.db}. */
    static Database open(StoreSettings settings, Path dataDir) {
        return switch (settings.dialect()) {
            case SQLITE -> sqlite(dataDir.resolve("gateway.db"));
            case POSTGRESQL -> new PostgresDatabase(settings);
        };
    }

    /** Opens the store, creating or migrating its schema. */
    void start();

    /** Runs {@code work} in one transaction, alone among writers; rolls back if it throws. */
    <T> T write(SqlFunction<T> work);

    /** Runs {@code work} outside any write transaction; it sees the last commit. */
    <T> T read(SqlFunction<T> work);

    Dialect dialect();

    /** Which store this is, for logs: the file or the database, never a password. */
    String describe();

    /** Closes the store; idempotent. */
    @Override
    void close();
}
