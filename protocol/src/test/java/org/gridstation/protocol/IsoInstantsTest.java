package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The contract's instants read without DateTimeFormatter, and everything else as Jackson reads it. */
class IsoInstantsTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void whatTheContractWrites_readsBackToTheSameInstant() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            String wire = new String(Json.write(t), java.nio.charset.StandardCharsets.UTF_8);
            String text = wire.substring(1, wire.length() - 1);
            assertEquals(t, IsoInstants.parse(text), text);
            assertEquals(t, Json.mapper().readValue(wire, Instant.class), text);
        }
        assertEquals(Instant.parse("2026-11-23T11:02:03.5Z"), IsoInstants.parse("2026-11-23T11:02:03.5Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.000000001Z"), IsoInstants.parse("2024-02-29T23:59:59.000000001Z"));
    }

    @Test
    void anythingElse_isLeftToJackson_withTheSameAnswer() throws Exception {
        String[] others = {"\"2026-11-23T11:02:03+08:00\"", "\"2026-11-23T11:02:03.Z\"", "\"2026-11-23T23:59:60Z\"",
                "\" 2026-11-23T11:02:03Z\"", "\"2026-11-23t11:02:03z\"", "1700000000", "\"+12026-11-23T11:02:03Z\"",
                "\"2026-11-23T11:02:03.1234567890Z\"", "\"2026-11-23T24:00:00Z\""};
        for (String json : others) {
            Object expected;
            try {
                expected = JACKSON.readValue(json, Instant.class);
            } catch (Exception e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = Json.mapper().readValue(json, Instant.class);
            } catch (Exception e) {
                actual = e.getClass();
            }
            assertEquals(expected, actual, json);
        }
        assertNull(IsoInstants.parse("2026-11-23T24:00:00Z"), "24:00 is Jackson's to read");
        for (String bad : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23 11:02:03Z"}) {
            assertNull(IsoInstants.parse(bad), bad);
            assertThrows(Exception.class, () -> Json.mapper().readValue("\"" + bad + "\"", Instant.class), bad);
        }
    }
}
