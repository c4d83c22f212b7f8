package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.town.DemoTown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log records sign-ins and every change made through the API, is append-only, and an
 * entry changed or removed behind the gateway's back (in the database file) is detected.
 */
class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void changesAreRecorded_andATamperedEntryIsDetected() throws Exception {
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 1);
            TestSupport.send(app, "PUT", "/api/v1/time-limits",
                    "{\"category\":\"environment\",\"severity\":\"normal\",\"acceptMinutes\":120,\"onSiteMinutes\":600,\"resolveMinutes\":5000}");
            TestSupport.post(app, "/api/v1/badges/rotate-key", "{}");
            JsonNode created = TestSupport.json(app, "/api/v1/accounts");
            assertEquals("admin", created.get(0).path("id").asText());
            TestSupport.send(app, "POST", "/api/v1/session", "{\"username\":\"admin\",\"password\":\"wrong\"}");

            JsonNode all = TestSupport.json(app, "/api/v1/audit");
            String actions = all.findValuesAsText("action").toString();
            assertTrue(actions.contains("account-created"), actions);
            assertTrue(actions.contains("POST /api/v1/badges/rotate-key"), actions);
            assertTrue(actions.contains("sign-in-failed"), actions);
            JsonNode rotate = null;
            for (JsonNode e : all) {
                if (e.path("action").asText().equals("POST /api/v1/badges/rotate-key")) {
                    rotate = e;
                }
            }
            assertTrue(rotate.path("actor").asText().startsWith("token:"), rotate.toString());
            assertEquals("127.0.0.1", rotate.path("address").asText());
            JsonNode ok = TestSupport.json(app, "/api/v1/audit/verify");
            assertTrue(ok.path("intact").asBoolean(), ok.toString());
            assertEquals(all.size(), ok.path("entries").asInt());
            String csv = TestSupport.get(app, "/api/v1/audit.csv").body();
            assertTrue(csv.contains("sign-in-failed") && csv.split("\r\n").length == all.size() + 1, csv);
        }

        boolean postgres = TestStores.dialect() == Dialect.POSTGRESQL;
        try (Connection c = TestStores.connect(dir); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_log SET actor='nobody' WHERE seq=2"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_log WHERE seq=2"));
            // someone with the file drops the guard and rewrites history
            s.executeUpdate(postgres ? "DROP TRIGGER audit_log_no_update_or_delete ON audit_log" : "DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET actor='nobody' WHERE seq=2");
        }
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            JsonNode v = TestSupport.json(app, "/api/v1/audit/verify");
            assertFalse(v.path("intact").asBoolean(), v.toString());
            assertEquals(2, v.path("brokenAt").asInt());
            assertTrue(v.path("reason").asText().contains("changed"), v.toString());
        }
        try (Connection c = TestStores.connect(dir); Statement s = c.createStatement()) {
            if (!postgres) {
                s.executeUpdate("DROP TRIGGER audit_log_no_delete");
            }
            s.executeUpdate("DELETE FROM audit_log WHERE seq=2");
        }
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            JsonNode v = TestSupport.json(app, "/api/v1/audit/verify");
            assertFalse(v.path("intact").asBoolean());
            assertEquals(3, v.path("brokenAt").asInt(), "the entry after the removed one: " + v);
        }
    }
}
