package org.gridstation.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gridstation.gateway.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two migration lists end in the same schema: every table with the same columns, every named
 * index on both engines. A change appended to one list only fails here.
 */
class SchemaParityTest {
    @TempDir
    Path dir;

    @Test
    void sqliteAndPostgresql_haveTheSameTablesColumnsAndIndexes() throws SQLException {
        TestStores.requirePostgres();
        Map<String, Set<String>> sqlite;
        Set<String> sqliteIndexes;
        try (Database db = Database.sqlite(dir.resolve("gateway.db"))) {
            db.start();
            sqlite = db.read(c -> columns(c, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'",
                    "SELECT name FROM pragma_table_info(?)"));
            sqliteIndexes = db.read(c -> names(c, "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%'"));
        }
        String schema = "gst_parity_" + Long.toHexString(System.nanoTime());
        Map<String, Set<String>> postgres;
        Set<String> postgresIndexes;
        try (Database db = Database.open(StoreSettings.postgresql(System.getProperty("gridstation.test.postgresql.url",
                "jdbc:postgresql://127.0.0.1:5432/test"), Optional.empty(), Optional.of(schema)), dir)) {
            db.start();
            postgres = db.read(c -> columns(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"));
            postgresIndexes = db.read(c -> names(c, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"));
            db.write(c -> c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE"));
        }
        assertTrue(sqlite.containsKey("incidents") && sqlite.get("incidents").contains("level"), sqlite.toString());
        assertEquals(sqlite.keySet(), postgres.keySet(), "the same tables");
        for (String table : sqlite.keySet()) {
            assertEquals(sqlite.get(table), postgres.get(table), "the columns of " + table);
        }
        assertEquals(sqliteIndexes, postgresIndexes, "the same named indexes");
    }

    private static Map<String, Set<String>> columns(Connection c, String tablesSql, String columnsSql) throws SQLException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String table : names(c, tablesSql)) {
            try (PreparedStatement ps = c.prepareStatement(columnsSql)) {
                ps.setString(1, table);
                Set<String> cols = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cols.add(rs.getString(1));
                    }
                }
                out.put(table, cols);
            }
        }
        return out;
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
