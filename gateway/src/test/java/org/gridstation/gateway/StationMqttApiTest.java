package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.config;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.gridstation.gateway.audit.AuditEntry;
import org.gridstation.gateway.audit.AuditLog;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin issues and revokes a station's MQTT credential over REST; the broker follows at once. */
class StationMqttApiTest {
    @TempDir
    static Path dir;
    static GatewayApp app;
    static String station;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(config(dir));
        station = DemoTown.seed(app, 1).get(0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void issueConnectRevoke_overRest() throws Exception {
        String base = "/api/v1/stations/" + station + "/mqtt";
        assertFalse(json(app, base).get("active").asBoolean(), "no credential yet");

        HttpResponse<String> issued = send(app, "POST", base + "/credentials", null);
        assertEquals(201, issued.statusCode(), issued.body());
        JsonNode c = Json.mapper().readTree(issued.body());
        assertEquals("kiosk-" + station, c.get("username").asText());
        String password = c.get("password").asText();
        assertTrue(password.length() >= 24);

        JsonNode status = json(app, base);
        assertTrue(status.get("active").asBoolean());
        assertFalse(status.toString().contains(password), "the status never shows the secret");
        assertFalse(status.has("password"));

        TestMqtt kiosk = new TestMqtt(app.mqttUri(), "kiosk-" + station, "kiosk-" + station, password, null, null);
        assertTrue(kiosk.isConnected());

        HttpResponse<String> revoked = send(app, "POST", base + "/revoke", null);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertTrue(Json.mapper().readTree(revoked.body()).get("revoked").asBoolean());
        await("the live connection closed", () -> !kiosk.isConnected());
        kiosk.close();
        assertThrows(MqttException.class, () -> new TestMqtt(app.mqttUri(), "kiosk-" + station, "kiosk-" + station,
                password, null, null).close());
        JsonNode after = json(app, base);
        assertFalse(after.get("active").asBoolean());
        assertTrue(after.hasNonNull("revokedAt"));
        assertEquals(1, after.get("refused").get("revoked").asInt(), after.toString());

        List<AuditEntry> audit = app.auth().audit().list(new AuditLog.Query(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 100));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("POST /api/v1/stations/{id}/mqtt/credentials")), audit.toString());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("POST /api/v1/stations/{id}/mqtt/revoke")));
        assertFalse(audit.toString().contains(password), "the audit log never holds the secret");

        assertEquals(404, send(app, "POST", "/api/v1/stations/no-such-station/mqtt/credentials", null).statusCode());
    }
}
