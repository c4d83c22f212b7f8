package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks to real HTTP receivers: the generic JSON body, WeChat Work's and DingTalk's group
 * robot formats (DingTalk signed), retries on the gateway's clock, a refusal inside a 200 answer,
 * and the visible list of failed deliveries with a retry.
 */
class WebhookDeliveryTest {
    static final String HEXING = "qingxi-hexing";

    @TempDir
    Path dir;

    private static void file(GatewayApp app, long seq) throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, seq, Instant.now(), new WalkInRequest(
                    HEXING + "-" + seq, Category.SAFETY_HAZARD, Severity.URGENT, Optional.of("13800138000"),
                    Optional.of("路灯倒了"), false)));
        }
    }

    private static void hook(GatewayApp app, String id, String body) {
        var r = send(app, "PUT", "/api/v1/webhooks/" + id, body);
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void deliveries_reachEachFormat_areRetried_andFailuresAreListedAndRetriable() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T11:00:00Z"));
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir), clock);
                WebhookReceiver generic = new WebhookReceiver(n -> n <= 2 ? new WebhookReceiver.Answer(503, "busy")
                        : WebhookReceiver.Answer.OK);
                WebhookReceiver wecom = new WebhookReceiver(n -> n == 1
                        ? new WebhookReceiver.Answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")
                        : WebhookReceiver.Answer.OK);
                WebhookReceiver dingtalk = new WebhookReceiver(n -> WebhookReceiver.Answer.OK);
                WebhookReceiver down = new WebhookReceiver(n -> new WebhookReceiver.Answer(500, "down"))) {
            DemoTown.seed(app, 1);
            assertEquals(400, send(app, "PUT", "/api/v1/webhooks/bad", "{\"name\":\"x\",\"url\":\"ftp://x\"}").statusCode());
            assertEquals(400, send(app, "PUT", "/api/v1/webhooks/bad", "{\"name\":\"x\",\"url\":\"http://x\",\"format\":\"fax\"}").statusCode());
            assertEquals(404, send(app, "PUT", "/api/v1/webhooks/bad",
                    "{\"name\":\"x\",\"url\":\"http://x\",\"gridId\":\"nowhere\"}").statusCode());
            hook(app, "centre", "{\"name\":\"指挥中心\",\"url\":\"" + generic.url("/in") + "\"}");
            hook(app, "team", "{\"name\":\"和兴服务队群\",\"url\":\"" + wecom.url("/cgi-bin/webhook/send?key=k")
                    + "\",\"format\":\"wecom\",\"gridId\":\"qingxi-hexing-a1-team\"}");
            hook(app, "village", "{\"name\":\"和兴村群\",\"url\":\"" + dingtalk.url("/robot/send?access_token=t")
                    + "\",\"format\":\"dingtalk\",\"gridId\":\"qingxi-hexing\",\"secret\":\"SECabc\"}");
            hook(app, "broken", "{\"name\":\"坏掉的群\",\"url\":\"" + down.url("/x") + "\"}");
            assertTrue(json(app, "/api/v1/webhooks").toString().contains("\"hasSecret\":true"));
            assertTrue(!json(app, "/api/v1/webhooks").toString().contains("SECabc"), "the secret is never shown");

            file(app, 1);
            // the service team hears of it at once; the town-wide hooks too
            await("wecom attempt", () -> wecom.received.size() == 1);
            await("generic first attempt", () -> generic.received.size() == 1);
            JsonNode body = Json.mapper().readTree(generic.received.get(0).body());
            assertEquals("filed", body.get("kind").asText());
            assertEquals(HEXING + "-1", body.get("incident").get("id").asText());
            assertTrue(!generic.received.get(0).body().contains("13800138000") && !generic.received.get(0).body().contains("路灯倒了"),
                    "no villager's personal data in a notice");
            assertEquals(0, dingtalk.received.size(), "the village is not told while the team handles it");

            clock.advance(Duration.ofSeconds(11)); // first retry pause is 10 s
            await("generic second attempt, wecom retried", () -> generic.received.size() == 2 && wecom.received.size() == 2);
            clock.advance(Duration.ofSeconds(31));
            await("generic delivered on the third attempt", () -> generic.received.size() == 3);

            // five minutes without acceptance: the area grid, then the village (DingTalk, signed)
            clock.advance(Duration.ofMinutes(5));
            await("area", () -> "area".equals(json(app, "/api/v1/incidents/" + HEXING + "-1").get("level").asText()));
            clock.advance(Duration.ofMinutes(5));
            await("village notified by DingTalk", () -> dingtalk.received.size() == 1);
            JsonNode ding = Json.mapper().readTree(dingtalk.received.get(0).body());
            assertEquals("markdown", ding.get("msgtype").asText());
            assertTrue(ding.get("markdown").get("title").asText().contains("村"), ding.toString());
            String q = dingtalk.received.get(0).query();
            long ts = Long.parseLong(param(q, "timestamp"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("SECabc".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\nSECabc").getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, param(q, "sign"));
            assertEquals("t", param(q, "access_token"));

            // the broken hook: every pause passes, then the delivery is listed as failed
            for (int i = 0; i < 8; i++) {
                clock.advance(Duration.ofHours(2));
                Thread.sleep(1_200);
            }
            await("failed deliveries listed", () -> json(app, "/api/v1/deliveries?state=failed").size() >= 1);
            JsonNode failed = json(app, "/api/v1/deliveries?state=failed").get(0);
            assertEquals("broken", failed.get("webhookId").asText());
            assertEquals(7, failed.get("attempts").asInt());
            assertEquals("HTTP 500", failed.get("lastError").asText());
            int before = down.received.size();
            assertEquals(202, send(app, "POST", "/api/v1/deliveries/" + failed.get("id").asLong() + "/retry", "").statusCode());
            await("retried", () -> down.received.size() > before);
            assertEquals(404, send(app, "POST", "/api/v1/deliveries/999999/retry", "").statusCode());
            assertEquals(400, send(app, "GET", "/api/v1/deliveries?state=lost", "").statusCode());
        }
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (kv.substring(0, eq).equals(name)) {
                return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + query);
    }
}
