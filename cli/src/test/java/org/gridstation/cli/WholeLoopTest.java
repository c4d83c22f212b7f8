package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.GatewayConfig;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.kiosk.KioskApp;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.protocol.badge.BadgeCodec;
import org.gridstation.protocol.badge.Base45;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop in one JVM: a gateway with its embedded broker and two kiosks on free ports.
 * A badge-in at a kiosk makes the station staffed at the gateway; a walk-in request becomes an
 * incident there.
 */
class WholeLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private GatewayApp gateway;
    private KioskApp kioskA;
    private KioskApp kioskB;
    private String stationA;
    private String stationB;
    private String gw;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayApp.start(GatewayConfig.defaults(dir.resolve("gateway")).withHttpPort(0).withMqttPort(0));
        List<String> stations = DemoTown.seed(gateway, 2);
        stationA = stations.get(0);
        stationB = stations.get(1);
        kioskA = KioskApp.start(TestTown.kiosk(gateway, stationA, dir.resolve("kiosk-a")).withHttpPort(0));
        kioskB = KioskApp.start(TestTown.kiosk(gateway, stationB, dir.resolve("kiosk-b")).withHttpPort(0));
        gw = TestTown.gatewayUrl(gateway);
        KioskProbe.awaitReady(kioskA, WAIT);
        KioskProbe.awaitReady(kioskB, WAIT);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {kioskB, kioskA, gateway}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void badgeIn_makesTheStationStaffedAtTheGateway_andBadgeOutClearsIt() throws Exception {
        String person = TestTown.scheduledVolunteer(gw, stationA);
        String token = gateway.badges().issue(person, Duration.ofDays(365)).token();
        Await.until("both stations online", WAIT,
                () -> TestTown.station(gw, stationA).path("online").asBoolean()
                        && TestTown.station(gw, stationB).path("online").asBoolean());
        assertFalse(TestTown.station(gw, stationA).path("staffed").asBoolean(), "nobody has badged in yet");

        JsonNode in = TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", token).json();
        assertTrue(in.path("accepted").asBoolean(), in.toString());
        assertEquals("in", in.path("action").asText());

        Await.until("station A staffed with " + person, WAIT, () -> {
            JsonNode s = TestTown.station(gw, stationA);
            return s.path("staffed").asBoolean() && TestTown.onDuty(s, person);
        });
        assertFalse(TestTown.station(gw, stationB).path("staffed").asBoolean(), "the other station is not staffed");

        JsonNode out = TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", token).json();
        assertEquals("out", out.path("action").asText(), out.toString());
        Await.until("station A unstaffed", WAIT, () -> !TestTown.station(gw, stationA).path("staffed").asBoolean());
    }

    @Test
    void badgeOnDutyAtOneStation_isRefusedAtAnother_untilItBadgesOut() throws Exception {
        String person = TestTown.scheduledVolunteer(gw, stationA);
        String token = gateway.badges().issue(person, Duration.ofDays(365)).token();
        Instant beforeCheckIn = Instant.now();
        assertEquals("in", TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", token).json().path("action").asText());
        awaitOnDutyListAt(kioskB, beforeCheckIn);

        JsonNode elsewhere = TestHttp.postText(KioskProbe.url(kioskB) + "/api/v1/scan", token).json();
        assertEquals("refused", elsewhere.path("action").asText(), elsewhere.toString());
        assertEquals("on-duty-elsewhere", elsewhere.path("refusal").asText());
        assertEquals("该工作证已在其他站点签到", elsewhere.path("reason").asText());

        Instant beforeCheckOut = Instant.now();
        assertEquals("out", TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", token).json().path("action").asText());
        awaitOnDutyListAt(kioskB, beforeCheckOut);
        JsonNode now = TestHttp.postText(KioskProbe.url(kioskB) + "/api/v1/scan", token).json();
        assertEquals("in", now.path("action").asText(), "free to badge in at B once out at A: " + now);
    }

    private static void awaitOnDutyListAt(KioskApp kiosk, Instant after) throws Exception {
        Await.until("the gateway's on-duty list at the kiosk", WAIT, () -> {
            String at = TestHttp.get(KioskProbe.url(kiosk) + "/api/v1/state").json().path("onDutyListUpdatedAt").asText("");
            return !at.isEmpty() && Instant.parse(at).isAfter(after);
        });
    }

    @Test
    void walkInRequest_becomesAnIncidentAtTheGateway() throws Exception {
        TestHttp.Response filed = TestHttp.postJson(KioskProbe.url(kioskB) + "/api/v1/requests",
                "{\"category\":\"dispute-mediation\",\"severity\":\"major\",\"phone\":\"13800138000\","
                        + "\"note\":\"邻居违章搭建挡住通道\"}");
        assertEquals(201, filed.status(), filed.body());
        String ticket = filed.json().path("ticket").asText();
        assertTrue(ticket.startsWith(stationB + "-"), ticket);

        Await.until("incident " + ticket, WAIT,
                () -> TestHttp.get(gw + "/api/v1/incidents/" + ticket).status() == 200);
        JsonNode incident = TestHttp.get(gw + "/api/v1/incidents/" + ticket).json();
        assertEquals(stationB, incident.path("stationId").asText());
        assertEquals("dispute-mediation", incident.path("category").asText());
        assertEquals("major", incident.path("severity").asText());
        assertFalse(incident.toString().contains("13800138000"), "the phone number is not published");

        TestHttp.Response tracking = TestHttp.get(gw + "/tickets/" + ticket);
        assertEquals(200, tracking.status());
        assertTrue(tracking.body().contains(ticket) && tracking.body().contains("矛盾调解") && tracking.body().contains("待受理"),
                "the villager's tracking page shows the ticket, its category and its status");
        assertFalse(tracking.body().contains("13800138000") || tracking.body().contains("违章搭建"),
                "the public tracking page shows no personal data");
        assertEquals(404, TestHttp.get(gw + "/tickets/" + stationB + "-999999").status());

        boolean listed = false;
        for (JsonNode i : TestHttp.get(gw + "/api/v1/incidents").json()) {
            listed |= i.path("id").asText().equals(ticket);
        }
        assertTrue(listed, "the incident is in the list");
    }

    @Test
    void kioskAndGateway_inOneProcess_eachServeTheirOwnPage() throws Exception {
        TestHttp.Response kioskPage = TestHttp.get(KioskProbe.url(kioskA) + "/");
        TestHttp.Response dashboard = TestHttp.get(gw + "/");
        assertEquals(200, kioskPage.status());
        assertEquals(200, dashboard.status());
        assertTrue(kioskPage.body().contains("kiosk.js") && kioskPage.body().contains("<title>党群服务站</title>"),
                "the kiosk serves the touch page");
        assertTrue(kioskPage.body().contains("lang=\"zh-CN\""), "zh-CN by default");
        assertTrue(dashboard.body().contains("网格化综合指挥中心"), "the gateway serves the dashboard");
        assertFalse(dashboard.body().contains("kiosk.js"));
    }

    @Test
    void stationPublicPage_showsTheWallAndTonightsDuty() throws Exception {
        TestHttp.Response page = TestHttp.get(gw + "/stations/" + stationA);
        assertEquals(200, page.status());
        JsonNode station = TestTown.station(gw, stationA);
        assertTrue(page.body().contains(station.path("name").asText()), "station name");
        assertTrue(page.body().contains("总网格长") && page.body().contains("今晚值班"), "leaders and tonight's duty");
        assertTrue(page.body().contains("<html lang=\"zh-CN\">"));
        assertTrue(TestHttp.get(gw + "/stations/" + stationA + "?lang=en").body().contains("Tonight on duty"));
        assertEquals(404, TestHttp.get(gw + "/stations/no-such-station").status());
    }

    @Test
    void forgedBadge_isRefusedAtTheKiosk_andChangesNothingAtTheGateway() throws Exception {
        String person = TestTown.scheduledVolunteer(gw, stationA);
        String token = gateway.badges().issue(person, Duration.ofDays(365)).token();
        // Flip one bit of the signature: still a well-formed token, no longer a genuine one.
        byte[] raw = Base45.decode(token.substring(BadgeCodec.PREFIX.length()));
        raw[raw.length - 1] ^= 0x01;
        String altered = BadgeCodec.PREFIX + Base45.encode(raw);
        JsonNode refused = TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", altered).json();
        assertFalse(refused.path("accepted").asBoolean(), refused.toString());
        assertEquals("refused", refused.path("action").asText());
        assertEquals("bad-signature", refused.path("refusal").asText(), refused.toString());
        assertEquals("工作证签名无效（伪造或被篡改）", refused.path("reason").asText());

        JsonNode garbage = TestHttp.postText(KioskProbe.url(kioskA) + "/api/v1/scan", "hello world").json();
        assertEquals("refused", garbage.path("action").asText());
        assertEquals("malformed", garbage.path("refusal").asText());
        Await.until("kiosk outbox drained", WAIT, () -> kioskA.outbox().pendingCount() == 0);
        assertFalse(TestTown.station(gw, stationA).path("staffed").asBoolean());
    }
}
