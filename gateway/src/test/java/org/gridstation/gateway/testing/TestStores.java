package org.gridstation.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.store.StoreSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The store the gateway's tests run against: SQLite in the test's data directory, or — when the
 * build runs with {@code -Dgridstation.test.store=postgresql} (the second surefire execution) —
 * PostgreSQL at {@code gridstation.test.postgresql.url} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}), in a schema of its own per data directory, dropped when
 * the test JVM exits. Where no PostgreSQL answers, the calling test is skipped with the reason,
 * except under {@code CI=true}, where it fails.
 */
public final class TestStores {
    public static final String PROPERTY = "gridstation.test.store";
    private static final String URL = System.getProperty("gridstation.test.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static volatile Boolean reachable;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestStores::dropCreated, "drop-test-schemas"));
    }

    private TestStores() {
    }

    /** The dialect this test run is for. */
    public static Dialect dialect() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "sqlite")) ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** The store settings for a gateway whose data directory is {@code dataDir}. */
    public static StoreSettings settings(Path dataDir) {
        if (dialect() == Dialect.SQLITE) {
            return StoreSettings.sqlite();
        }
        requirePostgres();
        String schema = schemaFor(dataDir);
        if (CREATED.add(schema)) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        return StoreSettings.postgresql(URL, Optional.empty(), Optional.of(schema));
    }

    /** A store (not yet started) for the data directory {@code dataDir}. */
    public static Database open(Path dataDir) {
        return Database.open(settings(dataDir), dataDir);
    }

    /** A new JDBC connection to the store of {@code dataDir}, for tests that look past the gateway. */
    public static Connection connect(Path dataDir) throws SQLException {
        if (dialect() == Dialect.SQLITE) {
            return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
        }
        Connection c = DriverManager.getConnection(URL);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schemaFor(dataDir));
        }
        return c;
    }

    /** Counts rows matching {@code sql} (string parameters) in the store of {@code dataDir}. */
    public static long count(Path dataDir, String sql, String... args) {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** Skips the calling test (fails it under CI=true) when no PostgreSQL answers at the tests' URL. */
    public static void requirePostgres() {
        if (reachable == null) {
            try (Connection c = DriverManager.getConnection(URL)) {
                reachable = c.isValid(5);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        if (!reachable) {
            String why = "PostgreSQL does not answer at " + URL + " (set gridstation.test.postgresql.url)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; under CI=true the PostgreSQL tests must run");
            }
            Assumptions.abort(why);
        }
    }

    static String schemaFor(Path dataDir) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "gst_" + HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private static void dropCreated() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            for (String schema : CREATED) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test schemas: " + e);
        }
    }
}
