package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.gridstation.gateway.TestSupport.json;
import static org.gridstation.gateway.TestSupport.post;
import static org.gridstation.gateway.TestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalation ladder on a clock the test moves: each missed limit climbs one rung and arms the
 * same limit again, acceptance stops the chain, limits are configurable per category, a leader
 * can climb by hand, and a restart in the middle of a countdown neither skips nor repeats a climb.
 */
class IncidentLadderTest {
    static final String HEXING = "qingxi-hexing";
    static final Instant START = Instant.parse("2026-11-23T11:00:00Z");
    /** Every kiosk in these tests has a clock six years behind: the ladder must not care. */
    static final Instant KIOSK_CLOCK = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static void file(GatewayApp app, long seq, String ticket, Category category, Severity severity)
            throws Exception {
        try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
            kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, seq, KIOSK_CLOCK,
                    new WalkInRequest(ticket, category, severity, Optional.empty(), Optional.empty(), false)));
        }
        await("incident " + ticket, () -> TestSupport.get(app, "/api/v1/incidents/" + ticket).statusCode() == 200);
    }

    private static String level(GatewayApp app, String id) {
        return json(app, "/api/v1/incidents/" + id).get("level").asText();
    }

    private static List<String> actions(GatewayApp app, String id, String action) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : json(app, "/api/v1/incidents/" + id).get("steps")) {
            if (s.get("action").asText().equals(action)) {
                out.add(s.get("actor").asText() + "@" + s.get("at").asText() + ":" + s.get("level").asText());
            }
        }
        return out;
    }

    private static void awaitLevel(GatewayApp app, String id, String level) {
        await(id + " at " + level, () -> level.equals(level(app, id)));
    }

    /** Lets at least one pass of the once-a-second escalation timer run. */
    private static void onePass() throws InterruptedException {
        Thread.sleep(1_500);
    }

    @Test
    void urgentIncident_climbsOneRungPerMissedLimit_untilTheTown_thenIsRemindedThere() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir), clock)) {
            DemoTown.seed(app, 1);
            file(app, 1, HEXING + "-1", Category.SAFETY_HAZARD, Severity.URGENT);
            JsonNode i = json(app, "/api/v1/incidents/" + HEXING + "-1");
            assertEquals("team", i.get("level").asText());
            assertEquals(START.toString(), i.get("createdAt").asText(), "the gateway's clock, not the kiosk's");
            assertEquals(START.plus(Duration.ofMinutes(5)).toString(), i.get("deadlines").get(0).get("dueAt").asText());

            clock.advance(Duration.ofMinutes(4).plusSeconds(59));
            onePass();
            assertEquals("team", level(app, HEXING + "-1"), "not before the 5-minute limit");

            clock.advance(Duration.ofSeconds(2));
            awaitLevel(app, HEXING + "-1", "area");
            clock.advance(Duration.ofMinutes(5));
            awaitLevel(app, HEXING + "-1", "village");
            clock.advance(Duration.ofMinutes(5));
            awaitLevel(app, HEXING + "-1", "town");
            List<String> climbs = actions(app, HEXING + "-1", "escalated");
            assertEquals(3, climbs.size(), climbs.toString());
            assertTrue(climbs.stream().allMatch(c -> c.startsWith("system@")), climbs.toString());

            clock.advance(Duration.ofMinutes(5));
            await("a reminder at the top", () -> actions(app, HEXING + "-1", "overdue").size() == 1);
            assertEquals(3, actions(app, HEXING + "-1", "escalated").size(), "nothing above the town");

            // accepting stops the accept chain: no more climbs or reminders for acceptance
            post(app, "/api/v1/incidents/" + HEXING + "-1/accept", "{\"actor\":\"qingxi-supervisor\"}");
            clock.advance(Duration.ofMinutes(6));
            onePass();
            assertEquals(1, actions(app, HEXING + "-1", "overdue").size());
            // the 30-minute on-site limit passed too (at 30 min): one reminder at the town for it
            clock.advance(Duration.ofMinutes(10));
            await("on-site reminder", () -> actions(app, HEXING + "-1", "overdue").size() == 2);
        }
    }

    @Test
    void acceptedInTime_doesNotClimb_andAClimbByHandNotifiesTheNextRung() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir), clock)) {
            DemoTown.seed(app, 1);
            file(app, 1, HEXING + "-2", Category.DISPUTE_MEDIATION, Severity.MAJOR);
            clock.advance(Duration.ofMinutes(29));
            JsonNode accepted = post(app, "/api/v1/incidents/" + HEXING + "-2/accept", "{\"actor\":\"qingxi-hexing-a1-leader\"}");
            assertEquals("accepted", accepted.get("status").asText());
            assertEquals("qingxi-hexing-a1-leader", accepted.get("steps").get(1).get("actor").asText());
            clock.advance(Duration.ofMinutes(2));
            onePass();
            assertEquals("team", level(app, HEXING + "-2"));

            JsonNode climbed = post(app, "/api/v1/incidents/" + HEXING + "-2/escalate",
                    "{\"actor\":\"qingxi-hexing-a1-leader\",\"reason\":\"涉及多户，需村里协调\"}");
            assertEquals("area", climbed.get("level").asText());
            assertEquals(List.of("qingxi-hexing-a1-leader@" + START.plus(Duration.ofMinutes(31)) + ":area"),
                    actions(app, HEXING + "-2", "escalated"));
            // the on-site limit (4 h for major) still runs: missed, it climbs one more rung
            clock.advance(Duration.ofHours(3).plusMinutes(30));
            awaitLevel(app, HEXING + "-2", "village");
        }
    }

    @Test
    void limitsConfiguredForACategory_applyToItsNewIncidents() throws Exception {
        MutableClock clock = new MutableClock(START);
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir), clock)) {
            DemoTown.seed(app, 1);
            assertEquals(200, send(app, "PUT", "/api/v1/time-limits", """
                    {"category":"legal-advice","severity":"normal","acceptMinutes":10,"onSiteMinutes":60,"resolveMinutes":600}
                    """).statusCode());
            assertEquals(400, send(app, "PUT", "/api/v1/time-limits", """
                    {"category":"legal-advice","severity":"normal","acceptMinutes":100,"onSiteMinutes":60,"resolveMinutes":600}
                    """).statusCode(), "limits must not shrink");
            file(app, 1, HEXING + "-3", Category.LEGAL_ADVICE, Severity.NORMAL);
            file(app, 2, HEXING + "-4", Category.POLICY, Severity.NORMAL);
            clock.advance(Duration.ofMinutes(11));
            awaitLevel(app, HEXING + "-3", "area");
            assertEquals("team", level(app, HEXING + "-4"), "other categories keep the 4-hour default");
        }
    }

    @Test
    void restartMidCountdown_neitherSkipsNorRepeatsAClimb() throws Exception {
        MutableClock clock = new MutableClock(START);
        GatewayConfig config = TestSupport.config(dir);
        try (GatewayApp app = GatewayApp.start(config, clock)) {
            DemoTown.seed(app, 1);
            file(app, 1, HEXING + "-5", Category.SAFETY_HAZARD, Severity.URGENT);
            clock.advance(Duration.ofMinutes(3));
            onePass();
            assertEquals("team", level(app, HEXING + "-5"));
        }
        clock.advance(Duration.ofMinutes(2).plusSeconds(1)); // the deadline passes while the gateway is down
        try (GatewayApp app = GatewayApp.start(config, clock)) {
            awaitLevel(app, HEXING + "-5", "area");
            onePass();
            assertEquals(1, actions(app, HEXING + "-5", "escalated").size(), "fired once, not skipped");
            clock.advance(Duration.ofMinutes(3));
        }
        try (GatewayApp app = GatewayApp.start(config, clock)) {
            onePass();
            assertEquals("area", level(app, HEXING + "-5"), "restarting does not fire it again");
            assertEquals(1, actions(app, HEXING + "-5", "escalated").size());
            clock.advance(Duration.ofMinutes(2).plusSeconds(1)); // 5 minutes after the first climb
            awaitLevel(app, HEXING + "-5", "village");
            onePass();
            assertEquals(2, actions(app, HEXING + "-5", "escalated").size());
        }
    }
}
