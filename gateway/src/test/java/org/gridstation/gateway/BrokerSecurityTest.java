package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.config;
import static org.gridstation.gateway.TestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.gridstation.gateway.credential.MqttRefusals.Reason;
import org.gridstation.gateway.credential.StationCredentials;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's rules, seen from MQTT clients: one credential per station, a station
 * publishes only its own uplinks and reads only its own downlinks, nobody anonymous, a revoked
 * station is disconnected and refused from then on.
 */
class BrokerSecurityTest {
    private static final String A = "sec-a";
    private static final String B = "sec-b";
    @TempDir
    static Path dir;
    static GatewayApp app;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(config(dir));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Event request(String station, long seq, String ticket) {
        return Event.of(station, seq, Instant.now(), new WalkInRequest(ticket, org.gridstation.protocol.event.Category.OTHER,
                org.gridstation.protocol.event.Severity.NORMAL, Optional.empty(), Optional.empty(), false));
    }

    private static TestMqtt connect(String clientId, String user, String password) throws MqttException {
        return new TestMqtt(app.mqttUri(), clientId, user, password, null, null);
    }

    @Test
    void aStationWithItsCredential_publishesItsOwnEvents_whichAreStored() throws Exception {
        try (TestMqtt a = TestMqtt.station(app, A)) {
            Event e = request(A, 1, A + "-1");
            // accepted (0x10 "no matching subscribers": the gateway takes events inside its broker, not by subscription)
            assertEquals(0x10, a.publishCode(Topics.events(A), Json.write(e)));
            await("stored", () -> count(dir, "SELECT COUNT(*) FROM events WHERE id=?", e.id().toString()) == 1);
        }
    }

    @Test
    void aStationPublishingOnAnotherStationsTopic_isRefusedByTheBroker_andNothingIsDelivered() throws Exception {
        try (TestMqtt watcher = TestMqtt.internal(app, "watcher-" + System.nanoTime());
                TestMqtt a = TestMqtt.station(app, A)) {
            watcher.subscribe(Topics.allStations(Topics.Kind.EVENTS));
            long before = app.mqttRefusals().count(A, Reason.PUBLISH_DENIED);
            Event forged = request(B, 1, B + "-forged");

            assertEquals(0x87, a.publishCode(Topics.events(B), Json.write(forged)), "PUBACK: not authorized");

            // a marker the watcher must see after the forged message, had it been delivered
            try (TestMqtt b = TestMqtt.station(app, B)) {
                Event marker = request(B, 2, B + "-marker");
                assertEquals(0, b.publishCode(Topics.events(B), Json.write(marker)));
                await("marker", () -> !watcher.on(Topics.events(B)).isEmpty());
                // the gateway takes events in process as the broker authorizes them (EventTap): once
                // the marker, authorized after the refusal, is stored, the forged one would have been too
                await("marker stored", () -> count(dir, "SELECT COUNT(*) FROM events WHERE id=?", marker.id().toString()) == 1);
            }
            assertEquals(1, watcher.on(Topics.events(B)).size(), "only the marker reached a subscriber");
            assertEquals(0, count(dir, "SELECT COUNT(*) FROM events WHERE id=?", forged.id().toString()));
            assertEquals(before + 1, app.mqttRefusals().count(A, Reason.PUBLISH_DENIED));
        }
    }

    @Test
    void aStation_readsOnlyItsOwnDownlinks_andTheTown() throws Exception {
        try (TestMqtt a = TestMqtt.station(app, A)) {
            assertTrue(a.subscribeCode(Topics.ack(A)) <= 2);
            assertTrue(a.subscribeCode(Topics.TOWN_KEYS) <= 2);
            assertEquals(0x87, a.subscribeCode(Topics.ack(B)));
            assertEquals(0x87, a.subscribeCode(Topics.allStations(Topics.Kind.EVENTS)));
            assertEquals(0x87, a.subscribeCode("#"));
        }
    }

    @Test
    void aWrongPassword_anotherStationsName_andNoCredentialAtAll_areRefused() throws Exception {
        String password = TestSupport.stationPassword(app, A);
        long bad = app.mqttRefusals().count(A, Reason.BAD_PASSWORD);

        assertRefused(() -> connect("kiosk-" + A, "kiosk-" + A, password + "x"));
        assertRefused(() -> connect("kiosk-" + B, "kiosk-" + A, password)); // A's credential, B's client id
        assertRefused(() -> connect("kiosk-sec-none", "kiosk-sec-none", "whatever"));
        assertRefused(() -> connect("anonymous-" + System.nanoTime(), null, null));
        assertRefused(() -> connect("gateway-x", "gateway", "not the internal password"));

        assertEquals(bad + 1, app.mqttRefusals().count(A, Reason.BAD_PASSWORD));
        assertTrue(app.mqttRefusals().count("sec-none", Reason.NO_CREDENTIAL) >= 1);
        String metrics = new String(TestSupport.getBytes(app, "/metrics").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(metrics.contains("gridstation_mqtt_refused_total{reason=\"bad-password\",station=\"" + A + "\"}"), metrics);
    }

    @Test
    void aRevokedStation_isDisconnected_andRefusedOnReconnect_untilANewCredentialIsIssued() throws Exception {
        String c = "sec-revoked";
        StationCredentials.Issued first = app.stationCredentials().issue(c);
        TestMqtt live = connect("kiosk-" + c, first.username(), first.password());
        assertTrue(live.isConnected());

        assertTrue(app.stationCredentials().revoke(c));

        await("disconnected", () -> !live.isConnected());
        live.close();
        assertRefused(() -> connect("kiosk-" + c, first.username(), first.password()));
        assertTrue(app.mqttRefusals().count(c, Reason.REVOKED) >= 1);
        assertFalse(app.stationCredentials().status(c).active());

        StationCredentials.Issued second = app.stationCredentials().issue(c);
        try (TestMqtt again = connect("kiosk-" + c, second.username(), second.password())) {
            assertTrue(again.isConnected());
        }
        assertRefused(() -> connect("kiosk-" + c, first.username(), first.password()));
    }

    @Test
    void issuingANewCredential_disconnectsTheOldOne() throws Exception {
        String c = "sec-rotated";
        StationCredentials.Issued first = app.stationCredentials().issue(c);
        TestMqtt live = connect("kiosk-" + c, first.username(), first.password());

        StationCredentials.Issued second = app.stationCredentials().issue(c);

        await("old connection closed", () -> !live.isConnected());
        live.close();
        assertRefused(() -> connect("kiosk-" + c, first.username(), first.password()));
        try (TestMqtt again = connect("kiosk-" + c, second.username(), second.password())) {
            assertTrue(again.isConnected());
        }
    }

    private static void assertRefused(org.junit.jupiter.api.function.ThrowingSupplier<TestMqtt> connect) {
        assertThrows(MqttException.class, () -> connect.get().close());
    }
}
