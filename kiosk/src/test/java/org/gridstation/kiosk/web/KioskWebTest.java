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
import org.gridstation.kiosk.testing.QrImages;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
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
            for (String asset : new String[] {"/kiosk.css", "/kiosk.js"}) {
                Http.Response r = new Http(kiosk.httpPort()).get(asset);
                assertEquals(200, r.status(), asset);
                assertFalse(Pattern.compile("url\\(\\s*[\"']?(https?:)?//").matcher(r.body()).find(), asset + ": no external CSS");
                assertFalse(r.body().contains("http://") || r.body().contains("https://"), asset + ": no absolute URL");
                assertFalse(r.body().contains("@import") || r.body().contains("@font-face"), asset + ": no imported CSS or web fonts");
            }
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
            assertTrue(kiosk.lamp().blinking(), "blinks with no network at all");
        }
    }

    @Test
    void unansweredEmergency_keepsTheLampBlinkingAcrossARestart() throws Exception {
        try (KioskApp kiosk = start()) {
            new Http(kiosk.httpPort()).post("/api/v1/simulator/emergency", "text/plain", "");
            assertTrue(kiosk.lamp().blinking());
        }
        try (KioskApp again = start()) {
            assertTrue(again.lamp().blinking(), "the press is still waiting in the outbox");
        }
    }

    @Test
    void qrOfThePublicPageAndOwnTickets_isServed_andAnyOtherTextIs404() throws Exception {
        try (KioskApp kiosk = start()) {
            kiosk.town().offer(Topics.config("hexing"),
                    Json.write(TestTown.wallConfig("hexing", "和兴村党群服务站", "https://town.example/stations/hexing")));
            Http http = new Http(kiosk.httpPort());
            var state = http.get("/api/v1/state").json();
            assertEquals("https://town.example/stations/hexing", state.get("publicUrl").asText());
            assertEquals("https://town.example/tickets/", state.get("ticketUrlBase").asText());
            Http.Response page = http.get("/api/v1/qr.svg?text=" + enc("https://town.example/stations/hexing"));
            assertEquals(200, page.status());
            assertTrue(page.body().startsWith("<svg"));
            assertEquals(200, http.get("/api/v1/qr.svg?text=" + enc("https://town.example/tickets/hexing-3")).status());
            Http.Response other = http.get("/api/v1/qr.svg?text=" + enc("https://evil.example/"));
            assertEquals(404, other.status());
            assertEquals("not-found", other.json().get("code").asText());
            assertEquals(404, http.get("/api/v1/qr.svg").status());
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void badgeImage_isScannedByTheSimulatedCamera_andAnImageWithoutQrIs400() throws Exception {
        try (KioskApp kiosk = start()) {
            TestTown town = new TestTown();
            kiosk.town().offer(Topics.TOWN_KEYS, Json.write(town.publicKeys()));
            byte[] png = QrImages.image(town.badge("p-017", "张伟"), 400, "png");
            var result = postBytes(kiosk.httpPort(), "/api/v1/simulator/scan-image", png);
            assertEquals(200, result.statusCode());
            var json = Json.mapper().readTree(result.body());
            assertTrue(json.get("accepted").asBoolean(), result.body());
            assertEquals("in", json.get("action").asText());

            byte[] blank = QrImages.encode(new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB), "png");
            var none = postBytes(kiosk.httpPort(), "/api/v1/simulator/scan-image", blank);
            assertEquals(400, none.statusCode());
            assertEquals("图片中没有找到可识别的二维码", Json.mapper().readTree(none.body()).get("error").asText());
        }
    }

    @Test
    void simulatorPage_isServedInSimulationMode() throws Exception {
        try (KioskApp kiosk = start()) {
            Http.Response page = new Http(kiosk.httpPort()).get("/simulator");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("站点模拟器"));
        }
    }

    private static java.net.http.HttpResponse<String> postBytes(int port, String path, byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
