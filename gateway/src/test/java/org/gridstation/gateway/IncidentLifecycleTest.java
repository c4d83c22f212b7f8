package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.post;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.event.WalkInRequest;
import org.gridstation.protocol.ticket.TicketBoard;
import org.gridstation.protocol.ticket.TicketStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident lifecycle through the REST API and kiosk events, on a clock the test moves:
 * every step with its time and actor, whistles to two departments, merged duplicates, a
 * villager's rating closing or reopening a ticket, and the kiosks' ticket boards.
 */
class IncidentLifecycleTest {
    static final String HEXING = "qingxi-hexing";
    static final String FENGSHOU = "qingxi-fengshou";
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T11:00:00Z"));
    static final AtomicLong SEQ = new AtomicLong();
    @TempDir
    static Path dir;
    static GatewayApp app;
    static List<String> stations;

    @BeforeAll
    static void start() {
        app = GatewayApp.start(TestSupport.config(dir), CLOCK);
        stations = DemoTown.seed(app, 2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void publish(String station, Object body) throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, station)) {
            kiosk.publishJson(Topics.events(station), Event.of(station, SEQ.incrementAndGet(), Instant.now(),
                    (org.gridstation.protocol.event.EventBody) body));
        }
    }

    static String file(String station, Category category, Severity severity) throws Exception {
        String ticket = station + "-" + SEQ.incrementAndGet();
        publish(station, new WalkInRequest(ticket, category, severity, Optional.of("13800138000"), Optional.empty(), false));
        await("incident " + ticket, () -> TestSupport.get(app, "/api/v1/incidents/" + ticket).statusCode() == 200);
        return ticket;
    }

    static JsonNode incident(String id) {
        return json(app, "/api/v1/incidents/" + id);
    }

    static int status(String method, String path, String body) {
        return send(app, method, path, body).statusCode();
    }

    static List<String> steps(String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : incident(id).get("steps")) {
            out.add(s.get("action").asText() + " by " + s.get("actor").asText());
        }
        return out;
    }

    static TicketBoard board(String station) throws Exception {
        try (TestMqtt peek = TestMqtt.internal(app, "peek-" + SEQ.incrementAndGet())) {
            peek.subscribe(Topics.tickets(station));
            await("ticket board of " + station, () -> !peek.on(Topics.tickets(station)).isEmpty());
            List<TestMqtt.Received> m = peek.on(Topics.tickets(station));
            return m.get(m.size() - 1).as(TicketBoard.class);
        }
    }

    static void awaitBoard(String station, String ticket, TicketStatus status) {
        await(ticket + " " + status.wire() + " on " + station + "'s board", () -> {
            try {
                return board(station).find(ticket).map(t -> t.status() == status).orElse(false);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void everyStepHasItsTimeAndActor_andTheLifecycleIsEnforced() throws Exception {
        String id = file(HEXING, Category.ENVIRONMENT, Severity.NORMAL);
        String base = "/api/v1/incidents/" + id;
        assertEquals(400, status("POST", base + "/accept", ""), "a step needs a JSON body");
        assertEquals(409, status("POST", base + "/resolve", "{\"actor\":\"a\",\"answer\":\"x\"}"), "not accepted yet");
        post(app, base + "/accept", "{\"actor\":\"qingxi-hexing-a1-leader\"}");
        assertEquals(409, status("POST", base + "/accept", "{\"actor\":\"qingxi-hexing-a1-leader\"}"), "twice");
        CLOCK.advance(Duration.ofMinutes(20));
        post(app, base + "/dispatch", "{\"actor\":\"qingxi-hexing-a1-leader\",\"note\":\"派网格员现场查看\"}");
        post(app, base + "/on-site", "{\"actor\":\"qingxi-hexing-a1-member\"}");
        assertEquals(400, status("POST", base + "/resolve", "{\"actor\":\"qingxi-hexing-a1-member\"}"), "no answer");
        assertEquals(409, status("POST", base + "/close", "{\"actor\":\"x\",\"outcome\":\"resolved\"}"), "not resolved yet");
        post(app, base + "/resolve", "{\"actor\":\"qingxi-hexing-a1-member\",\"answer\":\"垃圾已清运\"}");
        JsonNode closed = post(app, base + "/close", "{\"actor\":\"qingxi-hexing-chief\",\"outcome\":\"resolved\"}");
        assertEquals("closed", closed.get("status").asText());
        assertEquals("resolved", closed.get("outcome").asText());
        assertEquals("垃圾已清运", closed.get("statusNote").asText());
        assertTrue(closed.get("hasPhone").asBoolean());
        assertFalse(closed.toString().contains("13800138000"), "the phone number is never shown");
        assertEquals(List.of("filed by station:" + HEXING, "accepted by qingxi-hexing-a1-leader",
                "dispatched by qingxi-hexing-a1-leader", "on-site by qingxi-hexing-a1-member",
                "resolved by qingxi-hexing-a1-member", "closed by qingxi-hexing-chief"), steps(id));
        JsonNode s = closed.get("steps");
        assertTrue(Instant.parse(s.get(2).get("at").asText()).isAfter(Instant.parse(s.get(1).get("at").asText())));
        assertEquals(0, closed.get("deadlines").size(), "a closed incident has no pending deadline");
        assertEquals(404, status("POST", "/api/v1/incidents/nope-1/accept", "{\"actor\":\"a\"}"));
        assertEquals(404, status("POST", base + "/fly", "{\"actor\":\"a\"}"));
        assertEquals(400, status("POST", base + "/close", "{\"actor\":\"a\",\"outcome\":\"maybe\"}"));
    }

    @Test
    void anOpenIncidentClosedAsNotOurs_needsAnAnswer() throws Exception {
        String id = file(HEXING, Category.OTHER, Severity.NORMAL);
        String base = "/api/v1/incidents/" + id;
        assertEquals(400, status("POST", base + "/close", "{\"actor\":\"a\",\"outcome\":\"not-ours\"}"));
        JsonNode c = post(app, base + "/close", "{\"actor\":\"a\",\"outcome\":\"not-ours\",\"answer\":\"属市场监管部门职责，已告知联系方式\"}");
        assertEquals("not-ours", c.get("outcome").asText());
        awaitBoard(HEXING, id, TicketStatus.CLOSED);
        assertEquals(Optional.of("属市场监管部门职责，已告知联系方式"), board(HEXING).find(id).orElseThrow().statusNote());
    }

    @Test
    void whistleToTwoDepartments_measuresEachReportAgainstTheLimit_andScoresThem() throws Exception {
        assertEquals(200, status("PUT", "/api/v1/departments/sifasuo", "{\"name\":\"司法所\"}"));
        assertEquals(200, status("PUT", "/api/v1/departments/paichusuo", "{\"name\":\"派出所\"}"));
        try (WebhookReceiver sfs = new WebhookReceiver(n -> WebhookReceiver.Answer.OK);
                WebhookReceiver pcs = new WebhookReceiver(n -> WebhookReceiver.Answer.OK)) {
            assertEquals(200, status("PUT", "/api/v1/webhooks/sfs", "{\"name\":\"司法所群\",\"url\":\"" + sfs.url("/hook")
                    + "\",\"departmentId\":\"sifasuo\"}"));
            assertEquals(200, status("PUT", "/api/v1/webhooks/pcs", "{\"name\":\"派出所群\",\"url\":\"" + pcs.url("/robot")
                    + "\",\"format\":\"wecom\",\"departmentId\":\"paichusuo\"}"));
            String id = file(HEXING, Category.DISPUTE_MEDIATION, Severity.URGENT);
            String base = "/api/v1/incidents/" + id;
            post(app, base + "/accept", "{\"actor\":\"qingxi-hexing-chief\"}");
            assertEquals(400, status("POST", base + "/whistle",
                    "{\"actor\":\"qingxi-hexing-chief\",\"departments\":[\"sifasuo\",\"paichusuo\"]}"), "no coordinator");
            assertEquals(400, status("POST", base + "/whistle",
                    "{\"actor\":\"qingxi-hexing-chief\",\"departments\":[\"sifasuo\"],\"coordinator\":\"paichusuo\"}"));
            assertEquals(404, status("POST", base + "/whistle",
                    "{\"actor\":\"qingxi-hexing-chief\",\"departments\":[\"no-such-department\"]}"));
            post(app, base + "/whistle", "{\"actor\":\"qingxi-hexing-chief\",\"departments\":[\"sifasuo\",\"paichusuo\"],"
                    + "\"coordinator\":\"sifasuo\",\"note\":\"宅基地纠纷，双方情绪激动\"}");
            await("both departments notified", () -> sfs.received.size() == 1 && pcs.received.size() == 1);
            assertTrue(sfs.received.get(0).body().contains("\"kind\":\"whistled\""), sfs.received.get(0).body());
            JsonNode wecom = Json.mapper().readTree(pcs.received.get(0).body());
            assertEquals("markdown", wecom.get("msgtype").asText());
            assertTrue(wecom.get("markdown").get("content").asText().contains("网格吹哨"));

            assertEquals(409, status("POST", base + "/whistles/sifasuo/score", "{\"actor\":\"c\",\"score\":5}"),
                    "scored only after reporting on site");
            CLOCK.advance(Duration.ofMinutes(12));
            post(app, base + "/whistles/sifasuo/report", "{\"actor\":\"司法所 王所长\"}");
            CLOCK.advance(Duration.ofMinutes(19)); // 31 minutes: the urgent on-site limit of 30 has passed
            await("paichusuo overdue", () -> pcs.received.size() == 2);
            assertTrue(pcs.received.get(1).body().contains("未按时报到"), pcs.received.get(1).body());
            CLOCK.advance(Duration.ofMinutes(9));
            post(app, base + "/whistles/paichusuo/report", "{\"actor\":\"派出所 李警官\"}");
            assertEquals(409, status("POST", base + "/whistles/paichusuo/report", "{\"actor\":\"x\"}"), "reported once");
            post(app, base + "/whistles/sifasuo/score", "{\"actor\":\"qingxi-hexing-chief\",\"score\":5}");
            post(app, base + "/whistles/paichusuo/score", "{\"actor\":\"qingxi-hexing-chief\",\"score\":2}");
            assertEquals(400, status("POST", base + "/whistles/paichusuo/score", "{\"actor\":\"c\",\"score\":9}"));

            JsonNode w = incident(id).get("whistles");
            assertEquals("sifasuo", w.get(0).get("departmentId").asText());
            assertTrue(w.get(0).get("coordinator").asBoolean());
            assertEquals(12 * 60, w.get(0).get("toOnSiteSeconds").asLong());
            assertTrue(w.get(0).get("inTime").asBoolean());
            assertEquals(5, w.get(0).get("score").asInt());
            assertEquals(40 * 60, w.get(1).get("toOnSiteSeconds").asLong());
            assertFalse(w.get(1).get("inTime").asBoolean());
            assertEquals(2, w.get(1).get("score").asInt());
        }
    }

    @Test
    void mergedDuplicates_allReportersGetTheAnswer_andADissatisfiedOneReopensIt() throws Exception {
        String a = file(HEXING, Category.SAFETY_HAZARD, Severity.MAJOR);
        String b = file(FENGSHOU, Category.SAFETY_HAZARD, Severity.MAJOR);
        post(app, "/api/v1/incidents/" + a + "/accept", "{\"actor\":\"qingxi-supervisor\"}");
        JsonNode merged = post(app, "/api/v1/incidents/" + b + "/merge", "{\"actor\":\"qingxi-supervisor\",\"into\":\"" + a + "\"}");
        assertEquals("duplicate", merged.get("outcome").asText());
        assertEquals(a, merged.get("duplicateOf").asText());
        assertEquals(409, status("POST", "/api/v1/incidents/" + b + "/accept", "{\"actor\":\"x\"}"), "a duplicate takes no steps");
        assertEquals(400, status("POST", "/api/v1/incidents/" + a + "/merge", "{\"actor\":\"x\",\"into\":\"" + a + "\"}"));
        awaitBoard(FENGSHOU, b, TicketStatus.ACCEPTED);

        post(app, "/api/v1/incidents/" + a + "/resolve", "{\"actor\":\"qingxi-supervisor\",\"answer\":\"危桥已设警示并安排维修\"}");
        awaitBoard(HEXING, a, TicketStatus.RESOLVED);
        awaitBoard(FENGSHOU, b, TicketStatus.RESOLVED);
        TicketBoard.Ticket fromB = board(FENGSHOU).find(b).orElseThrow();
        assertEquals(Optional.of("危桥已设警示并安排维修"), fromB.statusNote());
        assertTrue(fromB.rateable());

        publish(FENGSHOU, new TicketFeedback(b, Rating.DISSATISFIED));
        await(a + " reopened", () -> "reopened".equals(incident(a).get("status").asText()));
        assertEquals("dissatisfied", incident(b).get("rating").asText());
        awaitBoard(FENGSHOU, b, TicketStatus.REOPENED);
        JsonNode reopened = incident(a);
        assertTrue(reopened.get("deadlines").toString().contains("\"stage\":\"resolve\""), "must be resolved again in time");
    }

    @Test
    void satisfiedRatingClosesAResolvedTicket_andAnOpenOneCannotBeRated() throws Exception {
        String id = file(HEXING, Category.ERRAND, Severity.NORMAL);
        String base = "/api/v1/incidents/" + id;
        assertEquals(409, status("POST", "/api/v1/tickets/" + id + "/feedback", "{\"rating\":\"satisfied\"}"));
        assertEquals(400, status("POST", "/api/v1/tickets/" + id + "/feedback", "{\"rating\":\"great\"}"));
        post(app, base + "/accept", "{\"actor\":\"m\"}");
        post(app, base + "/resolve", "{\"actor\":\"m\",\"answer\":\"社保卡已代办领回\"}");
        publish(HEXING, new TicketFeedback(id, Rating.BASICALLY_SATISFIED));
        await(id + " closed", () -> "closed".equals(incident(id).get("status").asText()));
        assertEquals("resolved", incident(id).get("outcome").asText());
        assertEquals("basically-satisfied", incident(id).get("rating").asText());

        String other = file(HEXING, Category.ERRAND, Severity.NORMAL);
        post(app, "/api/v1/incidents/" + other + "/accept", "{\"actor\":\"m\"}");
        post(app, "/api/v1/incidents/" + other + "/resolve", "{\"actor\":\"m\",\"answer\":\"已答复\"}");
        JsonNode r = post(app, "/api/v1/tickets/" + other + "/feedback", "{\"rating\":\"dissatisfied\"}");
        assertEquals("reopened", r.get("status").asText());
        assertTrue(steps(other).contains("rated by villager"));
    }

    @Test
    void publicTrackingPage_showsProgressAndTheAnswer_withoutPersonalData_andTakesARating() throws Exception {
        String id = file(HEXING, Category.VULNERABLE_HELP, Severity.NORMAL);
        String page = TestSupport.get(app, "/tickets/" + id).body();
        assertTrue(page.contains("待受理") && !page.contains("rating"), "no rating before it is resolved");
        post(app, "/api/v1/incidents/" + id + "/accept", "{\"actor\":\"qingxi-hexing-a1-leader\"}");
        post(app, "/api/v1/incidents/" + id + "/resolve", "{\"actor\":\"qingxi-hexing-a1-leader\",\"answer\":\"已联系民政办上门走访\"}");
        page = TestSupport.get(app, "/tickets/" + id).body();
        assertTrue(page.contains("已联系民政办上门走访"), page);
        assertTrue(page.contains("已受理") && page.contains("已办结") && page.contains("name=\"rating\""), page);
        assertFalse(page.contains("13800138000") || page.contains("qingxi-hexing-a1-leader"),
                "no phone number and no names of who handled it");
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/tickets/" + id + "/feedback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("rating=satisfied")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode());
        assertEquals("closed", incident(id).get("status").asText());
        assertTrue(TestSupport.get(app, "/tickets/" + id).body().contains("满意"));
    }

    @Test
    void aRatingForAnUnknownOrOpenTicketFromAKiosk_isKeptAndChangesNothing() throws Exception {
        String id = file(HEXING, Category.POLICY, Severity.NORMAL);
        publish(HEXING, new TicketFeedback(id, Rating.DISSATISFIED));
        publish(HEXING, new TicketFeedback("qingxi-hexing-999999", Rating.SATISFIED));
        await("both ratings stored", () -> TestSupport.count(dir, "SELECT COUNT(*) FROM ticket_feedback WHERE ticket IN (?, ?)",
                id, "qingxi-hexing-999999") == 2);
        assertEquals("new", incident(id).get("status").asText());
        assertFalse(incident(id).has("rating"), "a rating of an open ticket is not applied");
    }
}
