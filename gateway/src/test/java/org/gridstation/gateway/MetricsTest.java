package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: what a Prometheus scraper reads, after real traffic. */
class MetricsTest {
    static final String HEXING = "qingxi-hexing";

    @TempDir
    Path dir;

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), "no " + series + " in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metrics_countStoredAndRejectedMessages_openIncidents_andStationsOnline() throws Exception {
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            DemoTown.seed(app, 2);
            try (TestMqtt kiosk = TestMqtt.station(app, HEXING)) {
                kiosk.publishJson(Topics.events(HEXING), Event.of(HEXING, 1, Instant.now(), new WalkInRequest(HEXING + "-1",
                        Category.SAFETY_HAZARD, Severity.URGENT, Optional.of("13800138000"), Optional.empty(), false)));
                kiosk.publish(Topics.events(HEXING), "{not json".getBytes(StandardCharsets.UTF_8));
                await("stored and rejected", () -> app.ingestStats().accepted() == 1 && app.ingestStats().rejected() == 1);
            }
            var r = TestSupport.get(app, "/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String m = r.body();
            assertEquals(1, value(m, "gridstation_events_stored_total"));
            assertEquals(1, value(m, "gridstation_incidents_open{level=\"team\",severity=\"urgent\"}"));
            assertTrue(m.contains("gridstation_messages_rejected_total{reason="), m);
            assertTrue(m.contains("station=\"" + HEXING + "\""), m);
            assertEquals(0, value(m, "gridstation_station_online{station=\"qingxi-fengshou\"}"));
            assertTrue(!m.contains("13800138000"), "no personal data in metrics");
        }
    }
}
