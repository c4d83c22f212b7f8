package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.gridstation.protocol.station.Heartbeat;
import org.gridstation.protocol.station.StationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole gateway (embedded broker, SQLite, HTTP) seeded with the demo town, driven like kiosks drive it. */
class GatewayFunctionalTest {
    static final String HEXING = "qingxi-hexing";
    static final String FENGSHOU = "qingxi-fengshou";
    static final String DONGFANG = "qingxi-dongfang";
    @TempDir
    static Path dir;
    static GatewayApp app;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(TestSupport.config(dir));
        DemoTown.seed(app, 3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode station(String id) {
        return json(app, "/api/v1/stations/" + id);
    }

    private static CheckIn checkIn(String person) {
        return new CheckIn(person, "b-" + person.hashCode() % 1000 + "x", Optional.empty(), false);
    }

    @Test
    void checkIn_makesStationStaffed_andCheckOutClearsIt() throws Exception {
        String person = "qingxi-hexing-a1-member";
        try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 1, Instant.now(), checkIn(person)));
            await("staffed", () -> station(HEXING).get("staffed").asBoolean());
            JsonNode s = station(HEXING);
            assertEquals(person, s.get("onDuty").get(0).get("personId").asText());
            assertEquals("网格员", s.get("onDuty").get(0).get("roleLabel").asText());
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 2, Instant.now(), checkIn(person)));
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 3, Instant.now(), new CheckOut(person, "b-x")));
            await("unstaffed", () -> !station(HEXING).get("staffed").asBoolean());
            assertEquals(0, station(HEXING).get("onDuty").size());
        }
    }

    @Test
    void checkOutArrivingBeforeItsCheckIn_leavesNobodyOnDuty() throws Exception {
        String person = "qingxi-fengshou-a2-member";
        try (TestMqtt kiosk = TestMqtt.station(app, FENGSHOU)) {
            kiosk.subscribe(Topics.ack(FENGSHOU));
            kiosk.publishJson(Topics.events(FENGSHOU), Event.of(FENGSHOU, 11, Instant.now(), new CheckOut(person, "b-y")));
            await("ack of check-out", () -> kiosk.on(Topics.ack(FENGSHOU)).size() == 1);
            kiosk.publishJson(Topics.events(FENGSHOU), Event.of(FENGSHOU, 10, Instant.now(), checkIn(person)));
            await("ack of check-in", () -> kiosk.on(Topics.ack(FENGSHOU)).size() == 2);
            assertFalse(station(FENGSHOU).get("staffed").asBoolean());
            assertEquals(1, TestSupport.count(dir, "SELECT COUNT(*) FROM duty_sessions WHERE station_id=? AND out_at IS NOT NULL", FENGSHOU));
        }
    }

    @Test
    void walkInRequest_appearsInIncidents_withoutPhoneNumber() throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, DONGFANG)) {
            String ticket = DONGFANG + "-7";
            kiosk.publishJson(Topics.events(DONGFANG), Event.of(DONGFANG, 1, Instant.now(), new WalkInRequest(ticket,
                    Category.DISPUTE_MEDIATION, Severity.MAJOR, Optional.of("13912345678"), Optional.of("邻里纠纷"), false)));
            kiosk.publishJson(Topics.events(DONGFANG), Event.of(DONGFANG, 2, Instant.now(), new ButtonPressed(ButtonPressed.EMERGENCY)));
            await("incident", () -> TestSupport.get(app, "/api/v1/incidents/" + ticket).statusCode() == 200);
            JsonNode i = json(app, "/api/v1/incidents/" + ticket);
            assertEquals("矛盾调解", i.get("categoryLabel").asText());
            assertEquals("重大", i.get("severityLabel").asText());
            assertEquals("new", i.get("status").asText());
            assertTrue(i.get("hasPhone").asBoolean());
            assertFalse(i.toString().contains("13912345678"));
            assertEquals("Dispute mediation", json(app, "/api/v1/incidents/" + ticket + "?lang=en").get("categoryLabel").asText());
            await("sos", () -> TestSupport.get(app, "/api/v1/incidents/" + DONGFANG + "-sos-2").statusCode() == 200);
            assertEquals("urgent", json(app, "/api/v1/incidents/" + DONGFANG + "-sos-2").get("severity").asText());
            JsonNode list = json(app, "/api/v1/incidents?station=" + DONGFANG);
            assertEquals(2, list.size());
            assertEquals(2, station(DONGFANG).get("openIncidents").asInt());
            assertEquals(404, TestSupport.get(app, "/api/v1/incidents/nope").statusCode());
            assertEquals(400, TestSupport.get(app, "/api/v1/incidents?limit=abc").statusCode());
        }
    }

    @Test
    void statusWillAndHeartbeatTimeout_driveOnline() throws Exception {
        String st = "qingxi-test-status";
        app.town().addStation(st, "测试站", "qingxi-hexing", List.of());
        MqttMessage will = new MqttMessage(Json.write(StationStatus.of(st, false, Instant.now(), "1.0")), 1, true, null);
        TestMqtt kiosk = TestMqtt.station(app, st, will, Topics.status(st));
        kiosk.publish(Topics.status(st), Json.write(StationStatus.of(st, true, Instant.now(), "1.0")), true);
        await("online", () -> station(st).get("online").asBoolean());
        kiosk.vanish();
        await("offline by will", () -> !station(st).get("online").asBoolean());

        try (TestMqtt again = TestMqtt.station(app, st)) {
            again.publish(Topics.status(st), Json.write(StationStatus.of(st, true, Instant.now(), "1.0")), true);
            again.publish(Topics.heartbeat(st), Json.write(new Heartbeat(1, st, Instant.now().plusSeconds(5), 60, 1_000_000,
                    Optional.of(51.5), 3, 9, List.of(), "1.0")));
            await("online again", () -> station(st).get("online").asBoolean() && station(st).has("health"));
            JsonNode health = station(st).get("health");
            assertEquals(3, health.get("outboxBacklog").asInt());
            assertTrue(health.get("clockOffsetMs").asLong() > 3000);
            // no will, no heartbeat: offline after the 2 s timeout
            await("offline by timeout", () -> !station(st).get("online").asBoolean());
            assertTrue(station(st).has("lastSeen"));
        }
    }

    @Test
    void retainedDownlinks_reachAFreshSubscriber_andRevokeBumpsTheList() throws Exception {
        var badge = app.badges().issue("qingxi-hexing-chief", java.time.Duration.ofDays(30));
        try (TestMqtt fresh = TestMqtt.station(app, HEXING)) {
            fresh.subscribe(Topics.TOWN_KEYS);
            fresh.subscribe(Topics.TOWN_REVOCATIONS);
            fresh.subscribe(Topics.config(HEXING));
            fresh.subscribe(Topics.roster(HEXING));
            await("retained", () -> !fresh.on(Topics.TOWN_KEYS).isEmpty() && !fresh.on(Topics.TOWN_REVOCATIONS).isEmpty()
                    && !fresh.on(Topics.config(HEXING)).isEmpty() && !fresh.on(Topics.roster(HEXING)).isEmpty());
            assertTrue(fresh.on(Topics.TOWN_KEYS).get(0).retained());
            assertEquals(app.badges().keyId(), fresh.on(Topics.TOWN_KEYS).get(0).as(PublicKeys.class).keys().get(0).keyId());
            StationConfig cfg = fresh.on(Topics.config(HEXING)).get(0).as(StationConfig.class);
            assertEquals("和兴村党群服务站", cfg.name());
            assertEquals(List.of("青溪镇", "和兴村"), cfg.gridChain().stream().map(StationConfig.GridLevel::name).toList());
            Roster roster = fresh.on(Topics.roster(HEXING)).get(0).as(Roster.class);
            assertEquals(app.town().today(), roster.date());
            assertEquals(1, roster.shifts().size());
            long before = fresh.on(Topics.TOWN_REVOCATIONS).get(0).as(RevocationList.class).version();

            assertTrue(app.badges().revoke(badge.claims().badgeId()));
            await("new revocation list", () -> fresh.on(Topics.TOWN_REVOCATIONS).stream().map(r -> r.as(RevocationList.class))
                    .anyMatch(l -> l.version() > before && l.isRevoked(badge.claims().badgeId())));
        }
    }

    @Test
    void coverage_showsScheduledAndPresent() throws Exception {
        LocalDate date = LocalDate.of(2030, 1, 15);
        String st = "qingxi-test-coverage";
        app.town().addStation(st, "覆盖测试站", "qingxi-hexing", List.of());
        Instant now = Instant.now();
        java.time.ZonedDateTime from = now.atZone(app.town().zone()).minusMinutes(10).withNano(0);
        LocalDate today = from.toLocalDate();
        app.town().addShift("cov-today", st, "夜间值班", today, from.toLocalTime(), from.toLocalTime().plusHours(1),
                2, List.of("qingxi-hexing-a1-member", "qingxi-hexing-a1-team-v1"));
        app.town().addShift("cov-other", st, "夜间值班", date, LocalTime.of(19, 0), LocalTime.of(21, 30), 2, List.of());
        try (TestMqtt kiosk = TestMqtt.station(app, st)) {
            kiosk.publishJson(Topics.events(st), Event.of(st, 1, now, new CheckIn("qingxi-hexing-a1-member", "b-1",
                    Optional.of("cov-today"), true)));
            await("present", () -> json(app, "/api/v1/coverage?date=" + today).toString().contains("\"present\":[{"));
        }
        JsonNode shift = null;
        for (JsonNode s : json(app, "/api/v1/coverage?date=" + today).get("shifts")) {
            if (s.get("shiftId").asText().equals("cov-today")) {
                shift = s;
            }
        }
        assertEquals(2, shift.get("scheduled").size());
        assertEquals(1, shift.get("present").size());
        assertTrue(shift.get("present").get(0).get("scheduled").asBoolean());
        assertEquals(1, shift.get("gap").asInt());
        assertEquals(1, json(app, "/api/v1/coverage?date=2030-01-15").get("shifts").size());
        assertEquals(400, TestSupport.get(app, "/api/v1/coverage?date=15.01.2030").statusCode());
    }

    @Test
    void dashboardAndHealth_areServed() {
        assertEquals(200, TestSupport.get(app, "/healthz").statusCode());
        var page = TestSupport.get(app, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("lang=\"zh-CN\""));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external resources");
        assertEquals(3 + 0, json(app, "/api/v1/stations").size() - extraStations());
        assertEquals(404, TestSupport.get(app, "/api/v1/stations/nope").statusCode());
        assertTrue(json(app, "/api/v1/ingest").has("accepted"));
    }

    @Test
    void badgeCards_arePrintedFromTheGatewayMachine() {
        String person = app.town().people().get(0).id();
        assertEquals(200, TestSupport.getBytes(app, "/api/v1/people/" + person + "/badge.png").statusCode());
    }

    private static int extraStations() {
        return (int) app.town().stations().stream().filter(s -> s.id().startsWith("qingxi-test")).count();
    }
}
