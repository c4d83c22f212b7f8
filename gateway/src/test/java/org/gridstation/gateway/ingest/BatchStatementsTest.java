package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch's statements: prepared once per SQL, handed out again only once closed. */
class BatchStatementsTest {
    private Connection real;

    @BeforeEach
    void open() throws SQLException {
        real = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = real.createStatement()) {
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
        }
        real.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        real.close();
    }

    @Test
    void theSameSql_isPreparedOnce_andBehavesAsANewStatementEachTime() throws SQLException {
        try (BatchStatements b = new BatchStatements(real)) {
            Connection c = b.connection();
            for (int i = 0; i < 5; i++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t(v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "v" + i);
                    assertEquals(1, ps.executeUpdate());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(i + 1, keys.getLong(1));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id=?")) {
                    ps.setLong(1, i + 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("v" + i, rs.getString(1));
                    }
                }
            }
            assertEquals(8, b.reused());
        }
    }

    @Test
    void aStatementStillInUse_isNotHandedOutTwice_andASecondCloseIsHarmless() throws SQLException {
        try (BatchStatements b = new BatchStatements(real)) {
            Connection c = b.connection();
            PreparedStatement outer = c.prepareStatement("SELECT 1");
            PreparedStatement inner = c.prepareStatement("SELECT 1");
            assertNotSame(outer, inner);
            outer.close();
            assertTrue(outer.isClosed());
            outer.close();
            PreparedStatement again = c.prepareStatement("SELECT 1");
            assertSame(outer, again);
            assertFalse(again.isClosed());
            assertNotSame(again, c.prepareStatement("SELECT 1"), "closed twice, still handed out once");
            inner.close();
        }
    }

    @Test
    void theBatchsConnection_cannotBeClosedByAProjection() throws SQLException {
        try (BatchStatements b = new BatchStatements(real)) {
            assertThrows(SQLException.class, () -> b.connection().close());
            assertFalse(real.isClosed());
        }
    }
}
