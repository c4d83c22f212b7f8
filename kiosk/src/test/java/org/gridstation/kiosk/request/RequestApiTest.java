package org.gridstation.kiosk.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.outbox.OutboxFullException;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walk-in requests over real HTTP, on a kiosk whose gateway is unreachable (it works offline). */
class RequestApiTest {
    @TempDir
    Path dir;

    private KioskConfig config() {
        return KioskConfig.defaults("hexing", dir, "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0);
    }

    @Test
    void validRequest_gets201WithTicket_andIsStoredAsWalkInRequest() throws Exception {
        try (KioskApp kiosk = KioskApp.start(config())) {
            Http http = new Http(kiosk.httpPort());
            Http.Response r = http.request("{\"category\":\"dispute-mediation\",\"severity\":\"urgent\","
                    + "\"phone\":\"138 0013 8000\",\"note\":\"邻里纠纷\",\"anonymous\":true}");
            assertEquals(201, r.status(), r.body());
            assertEquals("hexing-1", r.json().get("ticket").asText());
            assertEquals("dispute-mediation", r.json().get("category").asText());
            assertEquals("urgent", r.json().get("severity").asText());
            assertEquals("矛盾调解", r.json().get("categoryLabel").asText());
            assertEquals("hexing-2", http.request("{\"category\":\"other\",\"severity\":\"normal\"}").json().get("ticket").asText());

            WalkInRequest body = (WalkInRequest) kiosk.outbox().pending().get(0).body();
            assertEquals(new WalkInRequest("hexing-1", Category.DISPUTE_MEDIATION, Severity.URGENT,
                    java.util.Optional.of("13800138000"), java.util.Optional.of("邻里纠纷"), true), body);
        }
        try (KioskApp again = KioskApp.start(config())) {
            assertEquals("hexing-3", new Http(again.httpPort()).request("{\"category\":\"other\",\"severity\":\"normal\"}")
                    .json().get("ticket").asText(), "the ticket counter survives a restart");
        }
    }

    @Test
    void badRequests_get400NamingTheField_andStoreNothing() throws Exception {
        try (KioskApp kiosk = KioskApp.start(config())) {
            Http http = new Http(kiosk.httpPort());
            assertField(http, "{\"severity\":\"normal\"}", "category");
            assertField(http, "{\"category\":\"flood\",\"severity\":\"normal\"}", "category");
            assertField(http, "{\"category\":\"other\"}", "severity");
            assertField(http, "{\"category\":\"other\",\"severity\":\"huge\"}", "severity");
            assertField(http, "{\"category\":\"other\",\"severity\":\"normal\",\"phone\":\"12ab\"}", "phone");
            assertField(http, "{\"category\":\"other\",\"severity\":\"normal\",\"phone\":\"1234\"}", "phone");
            assertField(http, "{\"category\":\"other\",\"severity\":\"normal\",\"note\":\"" + "长".repeat(501) + "\"}", "note");
            assertField(http, "not json", "body");
            assertField(http, "[1,2]", "body");
            assertEquals(0, kiosk.outbox().pendingCount());
            JsonNode en = http.post("/api/v1/requests?lang=en", "application/json", "{\"severity\":\"normal\"}").json();
            assertEquals("Please choose a category", en.get("error").asText());
        }
    }

    private static void assertThrowsFull(org.junit.jupiter.api.function.Executable fill) {
        org.junit.jupiter.api.Assertions.assertThrows(OutboxFullException.class, fill);
    }

    private static void assertField(Http http, String body, String field) throws Exception {
        Http.Response r = http.request(body);
        assertEquals(400, r.status(), body + " -> " + r.body());
        assertEquals(field, r.json().get("field").asText(), r.body());
        assertTrue(r.json().get("error").asText().length() > 0);
    }

    @Test
    void fullOutbox_gives507WithAClearMessage_andKeepsEarlierEvents() throws Exception {
        try (KioskApp kiosk = KioskApp.start(config().withOutboxMaxBytes(64 * 1024))) {
            Http http = new Http(kiosk.httpPort());
            String note = "很长的备注".repeat(90);
            Http.Response r;
            int filed = 0;
            while ((r = http.request("{\"category\":\"other\",\"severity\":\"normal\",\"note\":\"" + note + "\"}")).status() == 201) {
                filed++;
                assertTrue(filed < 1000, "the outbox never filled");
            }
            assertEquals(507, r.status(), r.body());
            assertEquals(OutboxFullException.MESSAGE_ZH, r.json().get("error").asText());
            assertEquals("outbox-full", r.json().get("code").asText());
            List<Event> kept = kiosk.outbox().pending();
            assertEquals(filed, kept.size());
            assertEquals("hexing-" + filed, ((WalkInRequest) kept.get(filed - 1).body()).ticket());
            assertThrowsFull(() -> {
                while (true) {
                    kiosk.outbox().append(new ButtonPressed("emergency"));
                }
            });
            Http.Response scan = http.scan("garbage");
            assertEquals(507, scan.status(), "a scan that cannot be recorded is not confirmed either: " + scan.body());
        }
    }
}
