package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.StationSettings;
import org.gridstation.protocol.station.Heartbeat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Fleet configuration: versioned retained settings per station, town-wide changes and rollback. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSettingsTest {
    static final String HEXING = "qingxi-hexing";
    @TempDir
    static Path dir;
    static GatewayApp app;
    static List<String> stations;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(TestSupport.config(dir));
        stations = DemoTown.seed(app, 3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The retained settings a kiosk connecting now would receive. */
    static StationSettings retained(String station, long version) throws Exception {
        try (TestMqtt kiosk = TestMqtt.internal(app, "peek-" + System.nanoTime())) {
            kiosk.subscribe(Topics.settings(station));
            await("settings v" + version + " of " + station, () -> kiosk.on(Topics.settings(station)).stream()
                    .anyMatch(m -> m.as(StationSettings.class).version() == version));
            List<TestMqtt.Received> m = kiosk.on(Topics.settings(station));
            return m.get(m.size() - 1).as(StationSettings.class);
        }
    }

    @Test
    @Order(1)
    void changes_makeVersions_keptForRollback_andPublishedRetained() throws Exception {
        String s = stations.get(1);
        var r = send(app, "PUT", "/api/v1/stations/" + s + "/settings",
                "{\"actor\":\"town-it\",\"settings\":{\"speech.enabled\":\"true\",\"screen.dim.seconds\":\"180\"},\"note\":\"试点语音\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Map.of("speech.enabled", "true", "screen.dim.seconds", "180"), retained(s, 1).settings());

        assertEquals(200, send(app, "PUT", "/api/v1/stations/" + s + "/settings",
                "{\"actor\":\"town-it\",\"settings\":{\"screen.dim.seconds\":\"60\"}}").statusCode());
        assertEquals(Map.of("speech.enabled", "true", "screen.dim.seconds", "60"), retained(s, 2).settings(),
                "a change keeps the other settings");

        var bad = send(app, "PUT", "/api/v1/stations/" + s + "/settings",
                "{\"actor\":\"town-it\",\"settings\":{\"heartbeat.seconds\":\"1\"}}");
        assertEquals(400, bad.statusCode());
        assertEquals("heartbeat.seconds must be a whole number from 10 to 600", parse(bad.body()).get("error").asText());
        assertEquals(400, send(app, "PUT", "/api/v1/stations/" + s + "/settings",
                "{\"actor\":\"town-it\",\"settings\":{\"wifi.password\":\"x\"}}").statusCode());
        assertEquals(404, send(app, "PUT", "/api/v1/stations/qingxi-nowhere/settings",
                "{\"actor\":\"town-it\",\"settings\":{\"speech.enabled\":\"true\"}}").statusCode());

        var back = send(app, "POST", "/api/v1/stations/" + s + "/settings/rollback", "{\"actor\":\"town-it\"}");
        assertEquals(200, back.statusCode(), back.body());
        StationSettings v3 = retained(s, 3);
        assertEquals(Map.of("speech.enabled", "true", "screen.dim.seconds", "180"), v3.settings(),
                "a rollback republishes the previous version's content as a new version");
        JsonNode view = json(app, "/api/v1/stations/" + s + "/settings");
        assertEquals(3, view.get("current").get("version").asLong());
        assertEquals("rollback to 1", view.get("current").get("note").asText());
        assertEquals(3, view.get("history").size());

        assertEquals(200, send(app, "POST", "/api/v1/stations/" + s + "/settings/rollback",
                "{\"actor\":\"town-it\",\"toVersion\":0}").statusCode());
        assertEquals(Map.of(), retained(s, 4).settings(), "back to the kiosk's own configuration");
        assertEquals(404, send(app, "POST", "/api/v1/stations/" + s + "/settings/rollback",
                "{\"actor\":\"town-it\",\"toVersion\":99}").statusCode());
    }

    @Test
    @Order(2)
    void aTownWideChange_reachesEveryStation_andTheAppliedVersionComesBackInHeartbeats() throws Exception {
        var r = send(app, "PUT", "/api/v1/settings", "{\"actor\":\"town-it\",\"settings\":{\"heartbeat.seconds\":\"60\"}}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(3, parse(r.body()).get("stations").asInt());
        StationSettings hexing = retained(HEXING, json(app, "/api/v1/stations/" + HEXING + "/settings")
                .get("current").get("version").asLong());
        assertEquals("60", hexing.settings().get("heartbeat.seconds"));

        try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
            kiosk.publishJson(Topics.heartbeat(HEXING), new Heartbeat(1, HEXING, Instant.now(), 10, 1L << 30,
                    Optional.empty(), 0, 0, List.of(), "0.1.0", Optional.of(hexing.version()),
                    Optional.of("resend.seconds must be a whole number from 5 to 600")));
            await("applied version shown", () -> json(app, "/api/v1/stations/" + HEXING + "/settings")
                    .path("applied").asLong() == hexing.version());
        }
        assertEquals("resend.seconds must be a whole number from 5 to 600",
                json(app, "/api/v1/stations/" + HEXING + "/settings").get("refused").asText());
    }

    private static JsonNode parse(String body) throws Exception {
        return org.gridstation.protocol.Json.mapper().readTree(body);
    }
}
