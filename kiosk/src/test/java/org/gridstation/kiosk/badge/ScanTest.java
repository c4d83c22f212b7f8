package org.gridstation.kiosk.badge;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.hardware.SimulatedHardware;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestGateway;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.ScanRefused;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Badge scans over real HTTP, with keys, revocations and roster delivered as retained MQTT messages. */
class ScanTest {
    private static final String STATION = "hexing";
    private static TestBroker broker;
    private static TestGateway gateway;
    private static final TestTown town = new TestTown();

    @TempDir
    Path dir;

    @BeforeAll
    static void broker(@TempDir Path brokerDir) throws Exception {
        broker = TestBroker.start(brokerDir);
        gateway = TestGateway.connect(broker.uri(), STATION, false);
        gateway.publishRetained(Topics.TOWN_KEYS, town.publicKeys());
        gateway.publishRetained(Topics.TOWN_REVOCATIONS, TestTown.revocations(3, "b-lost"));
        gateway.publishRetained(Topics.roster(STATION), TestTown.roster(STATION, "p-017"));
        gateway.publishRetained(Topics.config(STATION), TestTown.config(STATION, "和兴村党群服务站"));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        broker.close();
    }

    private KioskApp startKiosk(String uri) throws InterruptedException {
        KioskApp kiosk = KioskApp.start(KioskConfig.defaults(STATION, dir, uri).withHttpPort(0));
        await("downlinks", 10_000, () -> kiosk.town().keyRing().size() == 1 && kiosk.town().roster().isPresent()
                && kiosk.town().revocations().version() == 3 && kiosk.town().config().isPresent());
        return kiosk;
    }

    private static List<Event> events(KioskApp kiosk) {
        return kiosk.outbox().pending();
    }

    @Test
    void genuineBadge_checksInThenOut_andDrivesLampAndBuzzer() throws Exception {
        try (KioskApp kiosk = startKiosk(broker.uri())) {
            Http http = new Http(kiosk.httpPort());
            SimulatedHardware hw = (SimulatedHardware) kiosk.hardware();
            String badge = town.badge("p-017", "张伟");

            JsonNode in = http.scan(badge + "\n").json();
            assertTrue(in.get("accepted").asBoolean());
            assertEquals("in", in.get("action").asText());
            assertTrue(in.get("reason").asText().startsWith("张伟 签到成功，今晚值班 19:00–21:30"), in.toString());
            assertTrue(in.get("scheduled").asBoolean());
            assertEquals("p-017", in.get("personId").asText());
            assertTrue(hw.isOn(), "duty lamp on while someone is on duty");
            assertEquals(1, hw.beepCount());

            JsonNode state = http.get("/api/v1/state").json();
            assertEquals("和兴村党群服务站", state.get("name").asText());
            assertEquals("p-017", state.get("onDuty").get(0).get("personId").asText());
            assertTrue(state.get("roster").get("shifts").get(0).get("volunteers").get(0).get("onDuty").asBoolean());
            assertTrue(state.get("connected").asBoolean());

            JsonNode out = http.post("/api/v1/scan?lang=en", "text/plain", badge).json();
            assertEquals("out", out.get("action").asText());
            assertEquals("张伟 checked out", out.get("reason").asText());
            assertFalse(hw.isOn());

            List<Event> events = events(kiosk);
            CheckIn checkIn = (CheckIn) events.get(0).body();
            assertEquals("night-1", checkIn.shiftId().orElseThrow());
            assertTrue(checkIn.scheduled());
            assertEquals(new CheckOut("p-017", "b-p-017"), events.get(1).body());
        }
    }

    @Test
    void extraVolunteer_isAcceptedAndFlaggedNotScheduled() throws Exception {
        try (KioskApp kiosk = startKiosk(broker.uri())) {
            JsonNode in = new Http(kiosk.httpPort()).scan(town.badge("p-099", "李娜")).json();
            assertEquals("in", in.get("action").asText());
            assertFalse(in.get("scheduled").asBoolean());
            assertTrue(in.get("reason").asText().contains("非排班人员"), in.toString());
            CheckIn body = (CheckIn) events(kiosk).get(0).body();
            assertFalse(body.scheduled());
            assertTrue(body.shiftId().isEmpty());
        }
    }

    @Test
    void badBadges_areRefusedWithReason_andRecordedAsScanRefused() throws Exception {
        try (KioskApp kiosk = startKiosk(broker.uri())) {
            Http http = new Http(kiosk.httpPort());
            String genuine = town.badge("p-017", "张伟");
            String altered = genuine.substring(0, 40) + (genuine.charAt(40) == 'A' ? 'B' : 'A') + genuine.substring(41);
            assertRefused(http, TestTown.forged("p-017", "张伟"), RefusalReason.BAD_SIGNATURE);
            assertRefused(http, altered, null);
            assertRefused(http, town.badge("p-017", "张伟", Instant.now().minus(Duration.ofDays(400)),
                    Instant.now().minus(Duration.ofDays(1))), RefusalReason.EXPIRED);
            assertRefused(http, town.badge("lost", "王五"), RefusalReason.REVOKED);
            assertRefused(http, "hello world", RefusalReason.MALFORMED);
            assertRefused(http, "", RefusalReason.MALFORMED);

            List<Event> events = events(kiosk);
            assertEquals(6, events.size());
            assertTrue(events.stream().allMatch(e -> e.body() instanceof ScanRefused));
            assertEquals(RefusalReason.REVOKED, ((ScanRefused) events.get(3).body()).reason());
            assertEquals("b-lost", ((ScanRefused) events.get(3).body()).badgeId().orElseThrow());
            assertEquals(18, ((SimulatedHardware) kiosk.hardware()).beepCount(), "three beeps per refusal");
            assertFalse(kiosk.hardware().lamp().isOn());
        }
    }

    private static void assertRefused(Http http, String text, RefusalReason reason) throws Exception {
        Http.Response r = http.scan(text);
        assertEquals(200, r.status(), "a refusal is still a processed scan");
        JsonNode j = r.json();
        assertFalse(j.get("accepted").asBoolean());
        assertEquals("refused", j.get("action").asText());
        if (reason != null) {
            assertEquals(reason.zh(), j.get("reason").asText());
            assertEquals(reason.wire(), j.get("refusal").asText());
        } else {
            assertFalse(j.get("refusal").asText().isBlank(), "a refusal always names its reason");
        }
        assertFalse(j.has("name"), "no name from an untrusted badge");
    }

    @Test
    void downlinks_surviveARestartWithNoBroker() throws Exception {
        try (KioskApp kiosk = startKiosk(broker.uri())) {
            assertTrue(kiosk.connected());
        }
        String nowhere = "tcp://127.0.0.1:" + TestBroker.freePort();
        try (KioskApp offline = KioskApp.start(KioskConfig.defaults(STATION, dir, nowhere).withHttpPort(0))) {
            Http http = new Http(offline.httpPort());
            JsonNode in = http.scan(town.badge("p-017", "张伟")).json();
            assertEquals("in", in.get("action").asText());
            assertTrue(in.get("scheduled").asBoolean(), "the stored roster still knows the schedule");
            assertEquals(RefusalReason.REVOKED.zh(), http.scan(town.badge("lost", "王五")).json().get("reason").asText());
            JsonNode state = http.get("/api/v1/state").json();
            assertFalse(state.get("connected").asBoolean());
            assertTrue(state.has("rosterUpdatedAt"));
            assertEquals("和兴村党群服务站", state.get("name").asText());
        }
    }

    @Test
    void malformedDownlink_isIgnored_andThePreviousKept() throws Exception {
        try (KioskApp kiosk = startKiosk(broker.uri())) {
            String other = "other";
            gateway.publish(Topics.TOWN_REVOCATIONS, "{\"schema\":1,\"version\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            gateway.publish(Topics.roster(STATION), TestTown.roster(other, "p-1"));
            await("counted", 5_000, () -> kiosk.town().rejectedCounts().get("revocations") == 1
                    && kiosk.town().rejectedCounts().get("roster") == 1);
            assertEquals(3, kiosk.town().revocations().version());
            assertEquals(STATION, kiosk.town().roster().orElseThrow().stationId());
        }
    }
}
