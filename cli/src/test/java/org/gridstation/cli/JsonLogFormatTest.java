package org.gridstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GRIDSTATION_LOG_FORMAT=json: the shipped config writes one parseable JSON object per log line. */
class JsonLogFormatTest {

    @Test
    void eachLogLineIsAJsonObject_withLevelLoggerAndMessage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's binding sets it
        try {
            JoranConfigurator c = new JoranConfigurator();
            c.setContext(ctx);
            c.doConfigure(JsonLogFormatTest.class.getResource("/gridstation-logback-json.xml"));
            ctx.getLogger("org.gridstation.gateway.station.StationMonitor").info("station {} is offline", "qingxi-hexing");
            ctx.getLogger("org.gridstation.gateway.Noise").debug("not at INFO");
        } finally {
            ctx.stop();
            System.setErr(old);
        }
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, err.toString(StandardCharsets.UTF_8));
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("org.gridstation.gateway.station.StationMonitor", line.path("loggerName").asText());
        assertTrue(line.path("formattedMessage").asText().contains("qingxi-hexing"), lines[0]);
        assertTrue(line.path("timestamp").asLong() > 0, lines[0]);
    }
}
