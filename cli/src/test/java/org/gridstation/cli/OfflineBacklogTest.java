package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk keeps working with the gateway (and its broker) down: 500 requests filed meanwhile are
 * all stored exactly once when the gateway comes back, and the kiosk's outbox empties.
 */
class OfflineBacklogTest {
    private static final int EVENTS = 500;

    @TempDir
    Path dir;

    @Test
    void eventsFiledWhileTheGatewayIsDown_areAllStoredOnce_whenItReturns() throws Exception {
        int mqttPort = FreePort.pick();
        GatewayConfig config = GatewayConfig.defaults(dir.resolve("gateway")).withHttpPort(0).withMqttPort(mqttPort);
        String station;
        org.gridstation.gateway.credential.StationCredentials.Issued credential;
        try (GatewayApp first = GatewayApp.start(config)) {
            station = DemoTown.seed(first, 1).get(0);
            credential = first.stationCredentials().issue(station);
        }

        Set<String> tickets = new HashSet<>();
        try (KioskApp kiosk = KioskApp.start(KioskConfig.defaults(station, dir.resolve("kiosk"), "tcp://127.0.0.1:" + mqttPort)
                .withMqttCredentials(credential.username(), credential.password()).withHttpPort(0))) {
            String url = KioskProbe.url(kiosk);
            for (int i = 0; i < EVENTS; i++) {
                TestHttp.Response r = TestHttp.postJson(url + "/api/v1/requests",
                        "{\"category\":\"environment\",\"severity\":\"normal\",\"note\":\"垃圾未清运 " + i + "\"}");
                assertEquals(201, r.status(), r.body());
                tickets.add(r.json().path("ticket").asText());
            }
            assertEquals(EVENTS, tickets.size(), "every request got its own ticket");
            assertEquals(EVENTS, kiosk.outbox().pendingCount(), "all held in the outbox while offline");

            try (GatewayApp gateway = GatewayApp.start(config)) {
                Await.until("outbox drained", Duration.ofSeconds(90), () -> kiosk.outbox().pendingCount() == 0);
                String gw = TestTown.gatewayUrl(gateway);
                JsonNode incidents = TestHttp.get(gw + "/api/v1/incidents?station=" + station + "&limit=" + (EVENTS * 2)).json();
                // After 19:10 Shanghai time the demo station's unstaffed night shift is a no-show
                // incident of its own (roster live rules); it is not one of the requests.
                Set<String> stored = new HashSet<>();
                int requests = 0;
                for (JsonNode i : incidents) {
                    String id = i.path("id").asText();
                    if (!id.startsWith("noshow-")) {
                        stored.add(id);
                        requests++;
                    }
                }
                assertEquals(EVENTS, requests, "one incident per request");
                assertEquals(tickets, stored);
                JsonNode stats = TestHttp.get(gw + "/api/v1/ingest").json();
                assertEquals(EVENTS, stats.path("accepted").asLong(), "each event stored exactly once: " + stats);
            }
        }
    }
}
