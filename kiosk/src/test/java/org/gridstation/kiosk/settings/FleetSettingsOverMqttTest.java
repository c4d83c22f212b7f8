package org.gridstation.kiosk.settings;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestGateway;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.StationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet settings pushed as retained MQTT messages to a running kiosk: applied at once (the page's
 * dimming time), reported in a heartbeat straight away, a refused version reported with its
 * reason, and the settings in force kept across a restart with no network.
 */
class FleetSettingsOverMqttTest {
    private static final String STATION = "hexing";

    @TempDir
    Path dir;

    private static StationSettings version(long v, Map<String, String> s) {
        return new StationSettings(1, STATION, v, s, Instant.parse("2026-12-01T01:00:00Z"));
    }

    @Test
    void settingsApply_andTheGatewayHearsWhichVersionIsInForce(@TempDir Path brokerDir) throws Exception {
        try (TestBroker broker = TestBroker.start(brokerDir);
                TestGateway gateway = TestGateway.connect(broker.uri(), STATION, false)) {
            KioskConfig config = KioskConfig.defaults(STATION, dir, broker.uri()).withHttpPort(0)
                    .withHeartbeatInterval(Duration.ofHours(1));
            try (KioskApp kiosk = KioskApp.start(config)) {
                Http http = new Http(kiosk.httpPort());
                await("first heartbeat", 10_000, () -> !gateway.heartbeats().isEmpty());
                assertEquals(Optional.empty(), gateway.heartbeats().get(0).settingsVersion());
                assertEquals(120, http.get("/api/v1/screen").json().get("dimAfterSeconds").asLong());

                gateway.publishRetained(Topics.settings(STATION), version(1, Map.of("screen.dim.seconds", "45",
                        "language.default", "en")));
                await("a heartbeat naming version 1", 10_000, () -> gateway.heartbeats().stream()
                        .anyMatch(h -> h.settingsVersion().equals(Optional.of(1L))));
                assertEquals(45, http.get("/api/v1/screen").json().get("dimAfterSeconds").asLong());
                JsonNode state = http.get("/api/v1/state").json();
                assertEquals("en", state.get("defaultLanguage").asText());
                assertEquals(1, state.get("settings").get("version").asLong());

                gateway.publishRetained(Topics.settings(STATION), version(2, Map.of("heartbeat.seconds", "1")));
                await("the refusal reported", 10_000, () -> gateway.heartbeats().stream()
                        .anyMatch(h -> h.settingsError().isPresent()));
                var refused = gateway.heartbeats().get(gateway.heartbeats().size() - 1);
                assertEquals(Optional.of(1L), refused.settingsVersion(), "version 1 stays in force");
                assertEquals(Optional.of("heartbeat.seconds must be a whole number from 10 to 600"), refused.settingsError());

                // the town rolls back: version 3 has version 1's content... minus the language
                gateway.publishRetained(Topics.settings(STATION), version(3, Map.of("screen.dim.seconds", "45")));
                await("version 3", 10_000, () -> gateway.heartbeats().stream()
                        .anyMatch(h -> h.settingsVersion().equals(Optional.of(3L))));
                state = http.get("/api/v1/state").json();
                assertEquals("zh", state.get("defaultLanguage").asText());
                assertEquals(1, state.get("settings").get("previousVersion").asLong());
            }
        }
        // no broker any more: the settings in force come from disk
        try (KioskApp offline = KioskApp.start(KioskConfig.defaults(STATION, dir, "tcp://127.0.0.1:1").withHttpPort(0))) {
            Http http = new Http(offline.httpPort());
            assertEquals(3, http.get("/api/v1/state").json().get("settings").get("version").asLong());
            assertEquals(45, http.get("/api/v1/screen").json().get("dimAfterSeconds").asLong());
        }
    }
}
