package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole gateway on a hand-moved clock: the roster planned through the REST API, a kiosk
 * badging in over the embedded broker, the live rules raising the unstaffed alert and booking
 * points, a swap approved by the grid leader, the pages. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RosterFunctionalTest {
    static final String HEXING = "qingxi-hexing";
    static final String MEMBER = "qingxi-hexing-a1-member";
    static final String V1 = "qingxi-hexing-a1-team-v1";
    static final String V2 = "qingxi-hexing-a1-team-v2";
    static final String A2 = "qingxi-hexing-a2-member";
    @TempDir
    static Path dir;
    static MutableClock clock;
    static GatewayApp app;

    @BeforeAll
    static void start() {
        clock = MutableClock.at("2027-01-31T12:00");
        app = GatewayApp.start(TestSupport.config(dir), clock);
        DemoTown.seed(app, 2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return r.body().isEmpty() ? null : Json.mapper().readTree(r.body());
    }

    private static List<String> scheduled(String date, String shiftId) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : json(app, "/api/v1/coverage?date=" + date + "&grid=" + HEXING).get("shifts")) {
            if (s.get("shiftId").asText().equals(shiftId)) {
                s.get("scheduled").forEach(p -> out.add(p.get("personId").asText()));
                return out;
            }
        }
        return null;
    }

    /** The open unstaffed alert of {@code shiftId}, or null. */
    private static JsonNode unstaffed(String shiftId) {
        for (JsonNode a : json(app, "/api/v1/alerts?kind=unstaffed&station=" + HEXING)) {
            if (a.get("shiftId").asText().equals(shiftId)) {
                return a;
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void planThroughTheApi() throws Exception {
        JsonNode t = ok(send(app, "PUT", "/api/v1/roster/templates/hx-night", """
                {"stationId":"qingxi-hexing","label":"夜间值班","start":"19:00","end":"21:30","required":2,
                 "validFrom":"2027-02-01"}"""), 201);
        assertEquals(false, t.get("overnight").asBoolean());
        ok(send(app, "PUT", "/api/v1/roster/templates/hx-night/rotation", """
                {"anchor":"2027-02-01","turnDays":1,"turns":[["%s","%s"],["%s","%s"]]}""".formatted(MEMBER, V1, V2, A2)), 200);
        JsonNode g = ok(send(app, "POST", "/api/v1/roster/generate", "{\"from\":\"2027-01-31\",\"to\":\"2027-02-03\"}"), 200);
        assertEquals(3, g.get("written").asInt());
        assertEquals(List.of(MEMBER, V1), scheduled("2027-02-01", "hx-night-20270201"));
        assertEquals(List.of(V2, A2), scheduled("2027-02-02", "hx-night-20270202"));

        JsonNode bad = ok(send(app, "PUT", "/api/v1/roster/templates/x", "{\"stationId\":\"qingxi-hexing\",\"label\":\"x\","
                + "\"start\":\"19:00\",\"end\":\"19:00\",\"required\":1}"), 400);
        assertEquals("start and end must differ", bad.get("error").asText());
        ok(send(app, "PUT", "/api/v1/roster/templates/x", "{\"stationId\":\"nowhere\",\"label\":\"x\","
                + "\"start\":\"19:00\",\"end\":\"20:00\",\"required\":1}"), 404);

        JsonNode gaps = json(app, "/api/v1/coverage/gaps?from=2027-02-01&days=3");
        assertEquals(0, gaps.get("villages").get(0).get("unfilled").asInt());
        ok(send(app, "POST", "/api/v1/roster/leave", "{\"personId\":\"" + A2 + "\",\"from\":\"2027-02-02\",\"to\":\"2027-02-02\","
                + "\"reason\":\"外出\"}"), 201);
        assertEquals(List.of(V2), scheduled("2027-02-02", "hx-night-20270202"));
        JsonNode village = json(app, "/api/v1/coverage/gaps?from=2027-02-01&days=3").get("villages").get(0);
        assertEquals(HEXING, village.get("gridId").asText());
        assertEquals(1, village.get("unfilled").asInt());
        assertEquals("hx-night-20270202", village.get("shifts").get(0).get("shiftId").asText());

        // a reception day today reaches the station's kiosk in its retained roster
        ok(send(app, "PUT", "/api/v1/roster/templates/hx-reception", """
                {"stationId":"qingxi-hexing","label":"接待日","start":"09:00","end":"11:30","required":1,
                 "validFrom":"2027-01-31","validUntil":"2027-01-31"}"""), 201);
        ok(send(app, "PUT", "/api/v1/roster/templates/hx-reception/rotation",
                "{\"anchor\":\"2027-01-31\",\"turns\":[[\"qingxi-hexing-a2-leader\"]]}"), 200);
        try (TestMqtt kiosk = TestMqtt.internal(app, "peek-roster-" + HEXING)) {
            kiosk.subscribe(Topics.roster(HEXING));
            await("reception day in the retained roster", () -> kiosk.on(Topics.roster(HEXING)).stream()
                    .map(m -> m.as(Roster.class)).anyMatch(r -> r.shifts().stream().anyMatch(sh -> sh.shiftId().equals("hx-reception-20270131")
                            && sh.volunteers().stream().anyMatch(v -> v.personId().equals("qingxi-hexing-a2-leader")))));
        }
    }

    @Test
    @Order(2)
    void aShortStation_raisesTheUnstaffedAlert_andTheRulesBookPoints() throws Exception {
        clock.set("2027-02-01T18:50");
        try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 1, clock.instant(),
                    new CheckIn(MEMBER, "bmember", Optional.of("hx-night-20270201"), true)));
            await("member on duty", () -> json(app, "/api/v1/stations/" + HEXING).get("staffed").asBoolean());
        }
        clock.set("2027-02-01T19:10");
        await("unstaffed alert", () -> unstaffed("hx-night-20270201") != null);
        JsonNode alert = unstaffed("hx-night-20270201");
        assertEquals("hx-night-20270201", alert.get("shiftId").asText());
        assertEquals("站点缺岗", alert.get("kindLabel").asText());
        assertTrue(alert.get("message").asText().contains("应到 2 人，19:10 时实到 1 人"), alert.toString());
        // ... and an incident in the queue, major, at the station, once for the shift
        await("no-show incident", () -> TestSupport.get(app, "/api/v1/incidents/noshow-hx-night-20270201").statusCode() == 200);
        JsonNode incident = json(app, "/api/v1/incidents/noshow-hx-night-20270201");
        assertEquals(HEXING, incident.get("stationId").asText());
        assertEquals("major", incident.get("severity").asText());
        assertEquals("new", incident.get("status").asText());
        assertEquals("system", incident.get("steps").get(0).get("actor").asText());
        assertTrue(incident.get("note").asText().contains("需 2 人，到岗 1 人"), incident.toString());
        assertEquals(1, json(app, "/api/v1/incidents?station=" + HEXING).findValuesAsText("id").stream()
                .filter(id -> id.equals("noshow-hx-night-20270201")).count(), "one incident per shift");

        String board = TestSupport.get(app, "/roster/tonight").body();
        assertTrue(board.contains("和兴村") && board.contains("夜间值班 19:00–21:30"), board);

        // V1 never came; MEMBER forgot to badge out. (The demo's one-off shift of 31 January, which
        // neither came to either, counts for January.)
        clock.set("2027-02-01T22:30");
        await("points booked", () -> json(app, "/api/v1/people/" + MEMBER + "/roster").get("pointsThisMonth").asDouble() == 25.0);
        assertEquals(-20.0, json(app, "/api/v1/people/" + V1 + "/roster").get("pointsThisMonth").asDouble());
        await("forgotten badge-out", () -> json(app, "/api/v1/alerts?kind=forgotten-checkout").size() == 1);
        assertEquals(null, unstaffed("hx-night-20270201"), "cleared at the end of the shift");

        JsonNode me = json(app, "/api/v1/people/" + MEMBER + "/roster?from=2027-02-01&days=7");
        assertEquals("hx-night-20270201", me.get("upcoming").get(0).get("shiftId").asText());
        assertTrue(me.get("flags").toString().contains("forgot-checkout"), me.toString());
        String page = TestSupport.get(app, "/people/" + MEMBER).body();
        assertTrue(page.contains("本月积分</dt><dd>25.00") && page.contains("未签退"), page);

        HttpResponse<byte[]> csv = TestSupport.getBytes(app, "/api/v1/points/ledger.csv?month=2027-02");
        assertEquals(200, csv.statusCode());
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv.body(), 3));
        assertTrue(new String(csv.body(), StandardCharsets.UTF_8).contains("缺勤 和兴村党群服务站 夜间值班 2027-02-01"));
        JsonNode ranking = json(app, "/api/v1/points/ranking?month=2027-02&grid=" + HEXING);
        assertEquals(MEMBER, ranking.get(0).get("personId").asText());
    }

    @Test
    @Order(3)
    void aSwap_changesTheRosterOnlyWhenTheGridLeaderApproves() throws Exception {
        JsonNode offered = ok(send(app, "POST", "/api/v1/roster/swaps",
                "{\"shiftId\":\"hx-night-20270202\",\"personId\":\"" + V2 + "\",\"note\":\"家里有事\"}"), 201);
        String id = offered.get("id").asText();
        assertEquals("offered", offered.get("status").asText());
        ok(send(app, "POST", "/api/v1/roster/swaps/" + id + "/take", "{\"personId\":\"" + V1 + "\"}"), 200);
        assertEquals(List.of(V2), scheduled("2027-02-02", "hx-night-20270202"), "not before approval");
        JsonNode refused = ok(send(app, "POST", "/api/v1/roster/swaps/" + id + "/approve", "{\"leaderId\":\"" + A2 + "\"}"), 409);
        assertEquals(A2 + " is not a grid leader of station " + HEXING, refused.get("error").asText());
        ok(send(app, "POST", "/api/v1/roster/swaps/" + id + "/approve", "{\"leaderId\":\"qingxi-hexing-chief\"}"), 200);
        assertEquals(List.of(V1), scheduled("2027-02-02", "hx-night-20270202"));
        ok(send(app, "POST", "/api/v1/roster/swaps/" + id + "/approve", "{\"leaderId\":\"qingxi-hexing-chief\"}"), 409);
    }

    @Test
    @Order(4)
    void theWeekPage_editsADay() throws Exception {
        String week = TestSupport.get(app, "/roster/week?start=2027-02-01").body();
        assertTrue(week.contains("和兴村党群服务站") && week.contains("周一"), week);
        HttpResponse<String> r = send(app, "POST", "/roster/week/override",
                "template=hx-night&date=2027-02-03&add=qingxi-hexing-a2-leader&remove=", "application/x-www-form-urlencoded");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/roster/week?start=2027-02-01", r.headers().firstValue("Location").orElseThrow());
        assertTrue(scheduled("2027-02-03", "hx-night-20270203").contains("qingxi-hexing-a2-leader"));
        assertTrue(TestSupport.get(app, "/roster/week?start=2027-02-01&lang=en").body().contains("Mon"));
    }

    @Test
    @Order(5)
    void aVolunteersCalendarFeed_isServedAtItsUnguessableAddress() throws Exception {
        JsonNode cal = json(app, "/api/v1/people/" + V1 + "/calendar");
        String path = cal.get("path").asText();
        assertTrue(path.matches("/ical/[a-z2-7]{26}\\.ics"), path);
        HttpResponse<String> feed = TestSupport.get(app, path);
        assertEquals(200, feed.statusCode());
        assertEquals("text/calendar; charset=utf-8", feed.headers().firstValue("Content-Type").orElseThrow().toLowerCase());
        assertTrue(feed.body().contains("UID:hx-night-20270202@gridstation"), feed.body());
        assertEquals(404, TestSupport.get(app, "/ical/aaaaaaaaaaaaaaaaaaaaaaaaaa.ics").statusCode());
        String rotated = ok(send(app, "POST", "/api/v1/people/" + V1 + "/calendar/rotate", null), 200).get("path").asText();
        assertEquals(404, TestSupport.get(app, path).statusCode());
        assertEquals(200, TestSupport.get(app, rotated).statusCode());
    }

    @Test
    @Order(6)
    void importThroughTheApi_refusesAFileWithErrors_unlessForced() throws Exception {
        String csv = "姓名,编号,身份,网格\n新志愿者,qingxi-hexing-new,志愿者,qingxi-hexing\n坏行,bad id,志愿者,qingxi-hexing\n";
        JsonNode refused = ok(send(app, "POST", "/api/v1/import/people", csv, "text/csv"), 422);
        assertEquals(3, refused.get("errors").get(0).get("line").asInt());
        assertEquals(0, refused.get("imported").asInt());
        assertEquals(404, TestSupport.get(app, "/api/v1/people/qingxi-hexing-new/points").statusCode());
        JsonNode forced = ok(send(app, "POST", "/api/v1/import/people?force=true", csv, "text/csv"), 200);
        assertEquals(1, forced.get("imported").asInt());
        assertEquals(200, TestSupport.get(app, "/api/v1/people/qingxi-hexing-new/points").statusCode());
        ok(send(app, "POST", "/api/v1/import/households", csv, "text/csv"), 400);
    }
}
