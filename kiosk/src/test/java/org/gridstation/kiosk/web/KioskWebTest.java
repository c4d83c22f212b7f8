package org.gridstation.kiosk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.testing.Http;
import org.gridstation.kiosk.testing.TestBroker;
import org.gridstation.protocol.event.ButtonPressed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskWebTest {
    @TempDir
    Path dir;

    private KioskApp start() {
        return KioskApp.start(KioskConfig.defaults("hexing", dir, "tcp://127.0.0.1:" + TestBroker.freePort()).withHttpPort(0));
    }

    @Test
    void touchPage_isServedInZhCn_withNoExternalResources() throws Exception {
        try (KioskApp kiosk = start()) {
            Http.Response page = new Http(kiosk.httpPort()).get("/");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("<html lang=\"zh-CN\">"));
            assertTrue(page.body().contains("请出示工作证二维码"));
            assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(page.body()).find(),
                    "no external resource");
            assertFalse(Pattern.compile("url\\(\\s*[\"']?(https?:)?//").matcher(page.body()).find(), "no external CSS");
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no absolute URL at all");
        }
    }

    @Test
    void healthz_answers200() throws Exception {
        try (KioskApp kiosk = start()) {
            Http.Response r = new Http(kiosk.httpPort()).get("/healthz");
            assertEquals(200, r.status());
            assertEquals("ok", r.body());
        }
    }

    @Test
    void stateOfAFreshKiosk_showsStationIdOfflineAndNoRoster() throws Exception {
        try (KioskApp kiosk = start()) {
            var s = new Http(kiosk.httpPort()).get("/api/v1/state").json();
            assertEquals("hexing", s.get("name").asText());
            assertFalse(s.get("connected").asBoolean());
            assertFalse(s.has("roster"));
            assertEquals(0, s.get("outboxBacklog").asLong());
            assertEquals(0, s.get("onDuty").size());
        }
    }

    @Test
    void simulatorEmergencyButton_storesAButtonPressedEvent() throws Exception {
        try (KioskApp kiosk = start()) {
            Http http = new Http(kiosk.httpPort());
            assertEquals(202, http.post("/api/v1/simulator/emergency", "text/plain", "").status());
            assertEquals(new ButtonPressed("emergency"), kiosk.outbox().pending().get(0).body());
            var sim = http.get("/api/v1/simulator").json();
            assertEquals(1, sim.get("emergencyPresses").asLong());
            assertFalse(sim.get("lampOn").asBoolean());
        }
    }
}
