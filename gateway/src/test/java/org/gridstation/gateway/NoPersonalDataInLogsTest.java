package org.gridstation.gateway;

import static org.gridstation.gateway.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
import org.slf4j.LoggerFactory;

/**
 * The gateway's log never holds a villager's phone number or note: not for a request filed and
 * handled, not for a malformed message that carries them, not for a wrong sign-in.
 */
class NoPersonalDataInLogsTest {
    static final String PHONE = "13912345678";
    static final String NOTE = "王秀英家门口水管爆裂";

    @TempDir
    Path dir;

    @Test
    void requestsRejectsAndStepsLeaveNoPhoneNumberOrNoteInTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LoggerContext ctx = root.getLoggerContext();
        ctx.getLogger("org.gridstation").setLevel(ch.qos.logback.classic.Level.DEBUG);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.setContext(ctx);
        logs.start();
        root.addAppender(logs);
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir))) {
            String station = DemoTown.seed(app, 1).get(0);
            try (TestMqtt kiosk = TestMqtt.station(app, station)) {
                kiosk.publishJson(Topics.events(station), Event.of(station, 1, Instant.now(), new WalkInRequest(
                        station + "-1", Category.SAFETY_HAZARD, Severity.URGENT, Optional.of(PHONE), Optional.of(NOTE), false)));
                kiosk.publish(Topics.events(station), ("{\"schema\":1,\"phone\":\"" + PHONE + "\",\"note\":\"" + NOTE + "\"")
                        .getBytes(StandardCharsets.UTF_8));
                kiosk.publish(Topics.events(station), (PHONE + " " + NOTE).getBytes(StandardCharsets.UTF_8));
                await("stored and rejected", () -> TestSupport.json(app, "/api/v1/ingest").path("rejected").asLong() == 2
                        && TestSupport.get(app, "/api/v1/incidents/" + station + "-1").statusCode() == 200);
            }
            TestSupport.post(app, "/api/v1/incidents/" + station + "-1/accept", "{}");
            TestSupport.post(app, "/api/v1/incidents/" + station + "-1/whistle", "{\"departments\":[\"paichusuo\"]}");
            TestSupport.send(app, "POST", "/api/v1/session", "{\"username\":\"" + PHONE + "\",\"password\":\"" + NOTE + "\"}");
        } finally {
            root.detachAppender(logs);
        }
        List<String> leaks = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                .filter(m -> m.contains(PHONE) || m.contains(NOTE) || m.contains("王秀英")).toList();
        assertTrue(logs.list.size() > 5, "the gateway did log: " + logs.list.size());
        assertEquals(List.of(), leaks, "log lines with a villager's personal data");
    }
}
