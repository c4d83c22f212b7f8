package org.gridstation.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.Optional;

/**
 * Which store a gateway uses. SQLite needs nothing more (the file is {@code <data>/gateway.db});
 * PostgreSQL needs a JDBC URL and may name a user, a password and a schema.
 *
 * @param dialect SQLite (the default) or PostgreSQL
 * @param url e.g. {@code jdbc:postgresql://127.0.0.1:5432/gridstation}; required for PostgreSQL
 * @param user the database user; the driver's default (the OS user) when absent
 * @param password the password, read from {@code store.password.file}; absent for trust or peer auth
 * @param schema the schema the gateway's tables live in, created if missing; {@code public} when absent
 * @param poolSize connections per gateway instance (one writes at a time, the rest read)
 */
public record StoreSettings(Dialect dialect, Optional<String> url, Optional<String> user, Optional<String> password,
        Optional<String> schema, int poolSize) {

    public StoreSettings {
        Objects.requireNonNull(dialect, "store dialect is required");
        url = url == null ? Optional.empty() : url.filter(s -> !s.isBlank());
        user = user == null ? Optional.empty() : user.filter(s -> !s.isBlank());
        password = password == null ? Optional.empty() : password;
        schema = schema == null ? Optional.empty() : schema.filter(s -> !s.isBlank());
        if (dialect == Dialect.POSTGRESQL) {
            String u = url.orElseThrow(() -> new IllegalArgumentException("store.url is required for store=postgresql"));
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("store.url must start with jdbc:postgresql:, got '" + u + "'");
            }
        }
        schema.ifPresent(s -> {
            if (!s.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("store.schema must be lower-case letters, digits and _, got '" + s + "'");
            }
        });
        if (poolSize < 2 || poolSize > 64) {
            throw new IllegalArgumentException("store.pool.size must be 2-64, got " + poolSize);
        }
    }

    /** The town default: SQLite in the data directory. */
    public static StoreSettings sqlite() {
        return new StoreSettings(Dialect.SQLITE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 4);
    }

    /** PostgreSQL at {@code jdbcUrl}, in {@code schema} if given. */
    public static StoreSettings postgresql(String jdbcUrl, Optional<String> user, Optional<String> schema) {
        return new StoreSettings(Dialect.POSTGRESQL, Optional.of(jdbcUrl), user, Optional.empty(), schema, 8);
    }

    /**
     * A plain JDBC connection to these PostgreSQL settings (user, password, and the schema as the
     * search path, whether it exists yet or not), for work beside the gateway's pool: creating the
     * schema, the commands and benchmarks that read the store.
     */
    public Connection connect() throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            throw new IllegalStateException("a direct connection is for PostgreSQL settings; SQLite is a file: " + this);
        }
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        Connection c = DriverManager.getConnection(url.orElseThrow(), p);
        if (schema.isPresent()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema.get());
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        // never the password
        return "StoreSettings[" + dialect + (url.map(u -> " " + u).orElse("")) + (schema.map(s -> " schema " + s).orElse(""))
                + "]";
    }
}
