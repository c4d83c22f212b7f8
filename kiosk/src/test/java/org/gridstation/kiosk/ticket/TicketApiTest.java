package org.gridstation.kiosk.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.TicketFeedback;
import org.gridstation.protocol.ticket.TicketBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ticket status and rating over real HTTP, on a kiosk with no network: the board is its stored copy. */
class TicketApiTest {
    private static final String STATION = "hexing";

    @TempDir
    Path dir;

    private KioskApp start() {
        return KioskApp.start(KioskConfig.defaults(STATION, dir, "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0));
    }

    private static void board(KioskApp kiosk, long version) {
        assertTrue(kiosk.town().offer(Topics.tickets(STATION), Json.write(TestTown.ticketBoard(STATION, version))));
        kiosk.town().offer(Topics.config(STATION),
                Json.write(TestTown.wallConfig(STATION, "和兴村党群服务站", "https://town.example/stations/hexing")));
    }

    @Test
    void ticketOnTheBoard_showsStatusLevelAndPublicAnswer_inBothLanguages() throws Exception {
        try (KioskApp kiosk = start()) {
            board(kiosk, 12);
            Http http = new Http(kiosk.httpPort());
            Http.Response r = http.get("/api/v1/tickets/hexing-45");
            assertEquals(200, r.status(), r.body());
            JsonNode t = r.json();
            assertEquals("resolved", t.get("status").asText());
            assertEquals("已办结", t.get("statusLabel").asText());
            assertEquals("村", t.get("levelLabel").asText());
            assertEquals("矛盾调解", t.get("categoryLabel").asText());
            assertEquals("村调委会已组织双方协商，通道已清理。", t.get("statusNote").asText());
            assertEquals("2026-11-23T11:20:01Z", t.get("filedAt").asText());
            assertTrue(t.get("rateable").asBoolean());
            assertFalse(t.get("open").asBoolean());
            assertFalse(t.has("rating"));
            assertEquals("https://town.example/tickets/hexing-45", t.get("trackingUrl").asText());

            JsonNode en = http.get("/api/v1/tickets/hexing-46?lang=en").json();
            assertEquals("Dispatched", en.get("statusLabel").asText());
            assertEquals("Service team", en.get("levelLabel").asText());
            assertFalse(en.get("rateable").asBoolean());
            assertEquals("满意", http.get("/api/v1/tickets/hexing-47").json().get("ratingLabel").asText());
        }
    }

    @Test
    void ticketNotOnThisBoard_is404_withTheGatewaysTrackingPage() throws Exception {
        try (KioskApp kiosk = start()) {
            board(kiosk, 12);
            Http http = new Http(kiosk.httpPort());
            Http.Response r = http.get("/api/v1/tickets/fengshou-3");
            assertEquals(404, r.status());
            assertEquals("ticket-not-here", r.json().get("code").asText());
            assertEquals("本站查不到工单 fengshou-3，可能是在其他服务站登记的。请用手机扫码查看办理进度。",
                    r.json().get("error").asText());
            assertEquals("https://town.example/tickets/fengshou-3", r.json().get("trackingUrl").asText());
            assertTrue(http.get("/api/v1/tickets/fengshou-3?lang=en").json().get("error").asText()
                    .startsWith("Ticket fengshou-3 is not known at this station"));
            assertEquals(200, http.get("/api/v1/qr.svg?text=https%3A%2F%2Ftown.example%2Ftickets%2Ffengshou-3").status(),
                    "its QR code can be shown");
            assertEquals(400, http.get("/api/v1/tickets/a.b").status());
        }
    }

    @Test
    void resolvedTicketRatedDissatisfied_queuesTicketFeedback_andSaysItWillBeHandledAgain() throws Exception {
        try (KioskApp kiosk = start()) {
            board(kiosk, 12);
            Http http = new Http(kiosk.httpPort());
            Http.Response r = http.post("/api/v1/tickets/hexing-45/feedback", "application/json",
                    "{\"rating\":\"dissatisfied\"}");
            assertEquals(202, r.status(), r.body());
            assertTrue(r.json().get("reopens").asBoolean());
            assertEquals("不满意", r.json().get("ratingLabel").asText());
            Http.Response closed = http.post("/api/v1/tickets/hexing-47/feedback", "application/json",
                    "{\"rating\":\"basically-satisfied\"}");
            assertEquals(202, closed.status());
            assertFalse(closed.json().get("reopens").asBoolean());
            assertEquals(List.of(new TicketFeedback("hexing-45", Rating.DISSATISFIED),
                    new TicketFeedback("hexing-47", Rating.BASICALLY_SATISFIED)),
                    kiosk.outbox().pending().stream().map(e -> e.body()).toList());
        }
    }

    @Test
    void openOrUnknownTicketsAndBadRatings_areRefused_andQueueNothing() throws Exception {
        try (KioskApp kiosk = start()) {
            board(kiosk, 12);
            Http http = new Http(kiosk.httpPort());
            Http.Response open = http.post("/api/v1/tickets/hexing-46/feedback", "application/json", "{\"rating\":\"satisfied\"}");
            assertEquals(409, open.status());
            assertEquals("not-rateable", open.json().get("code").asText());
            assertEquals("工单正在办理中（已派单），办结后才能评价", open.json().get("error").asText());
            assertEquals(404, http.post("/api/v1/tickets/fengshou-3/feedback", "application/json",
                    "{\"rating\":\"satisfied\"}").status());
            for (String bad : List.of("{\"rating\":\"great\"}", "{}", "{\"rating\":3}", "not json", "[]")) {
                Http.Response r = http.post("/api/v1/tickets/hexing-45/feedback", "application/json", bad);
                assertEquals(400, r.status(), bad);
                assertEquals("invalid-field", r.json().get("code").asText(), bad);
            }
            assertEquals("rating", http.post("/api/v1/tickets/hexing-45/feedback", "application/json",
                    "{\"rating\":\"great\"}").json().get("field").asText());
            assertEquals(0, kiosk.outbox().pendingCount());
        }
    }

    @Test
    void board_isKeptAcrossARestart_andAnOlderOrForeignBoardIsIgnored() throws Exception {
        try (KioskApp kiosk = start()) {
            board(kiosk, 12);
            assertFalse(kiosk.town().offer(Topics.tickets(STATION), Json.write(new TicketBoard(1, STATION, 11,
                    List.of(), Instant.now()))), "older");
            assertFalse(kiosk.town().offer(Topics.tickets(STATION), Json.write(TestTown.ticketBoard("fengshou", 13))),
                    "addressed to another station");
            assertFalse(kiosk.town().offer(Topics.tickets(STATION), "{\"schema\":1".getBytes()), "malformed");
            assertEquals(2L, kiosk.town().rejectedCounts().get("tickets"));
        }
        try (KioskApp again = start()) {
            assertEquals(12, again.town().ticketBoard().version());
            assertEquals(200, new Http(again.httpPort()).get("/api/v1/tickets/hexing-45").status());
        }
    }
}
