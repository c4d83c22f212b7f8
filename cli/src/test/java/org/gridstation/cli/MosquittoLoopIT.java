package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the machine's Mosquitto, with the gateway in external-broker mode:
 * the deployment a town uses when it already runs a broker.
 */
class MosquittoLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() {
        ExternalBroker.require();
    }

    @Test
    void badgeInAndRequest_travelThroughMosquitto() throws Exception {
        GatewayConfig config = GatewayConfig.defaults(dir.resolve("gateway"))
                .withHttpPort(0)
                .withExternalBroker(ExternalBroker.uri())
                // A fixed client id reuses one broker session across runs instead of leaving a
                // new persistent session (with its queue) on the machine's Mosquitto every run.
                .withInstanceId("it-loop");
        try (GatewayApp gateway = GatewayApp.start(config)) {
            String station = DemoTown.seed(gateway, 1).get(0);
            String gw = TestTown.gatewayUrl(gateway);
            try (KioskApp kiosk = KioskApp.start(KioskConfig.defaults(station, dir.resolve("kiosk"), ExternalBroker.uri())
                    .withHttpPort(0))) {
                KioskProbe.awaitReady(kiosk, WAIT);
                String person = TestTown.scheduledVolunteer(gw, station);
                String token = gateway.badges().issue(person, Duration.ofDays(30)).token();

                JsonNode in = TestHttp.postText(KioskProbe.url(kiosk) + "/api/v1/scan", token).json();
                assertTrue(in.path("accepted").asBoolean(), in.toString());
                Await.until("station staffed via Mosquitto", WAIT, () -> {
                    JsonNode s = TestTown.station(gw, station);
                    return s.path("online").asBoolean() && s.path("staffed").asBoolean() && TestTown.onDuty(s, person);
                });

                TestHttp.Response filed = TestHttp.postJson(KioskProbe.url(kiosk) + "/api/v1/requests",
                        "{\"category\":\"safety-hazard\",\"severity\":\"urgent\"}");
                assertEquals(201, filed.status(), filed.body());
                String ticket = filed.json().path("ticket").asText();
                Await.until("incident via Mosquitto", WAIT,
                        () -> TestHttp.get(gw + "/api/v1/incidents/" + ticket).status() == 200);
                Await.until("kiosk outbox drained", WAIT, () -> kiosk.outbox().pendingCount() == 0);
            }
            Await.until("station offline after the kiosk stops", WAIT,
                    () -> !TestTown.station(gw, station).path("online").asBoolean());
        }
    }
}
