package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract's instants read and written without DateTimeFormatter, and everything else as
 * Jackson reads and writes it.
 */
class IsoInstantsTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final ObjectMapper JACKSON_WRITER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** Nanoseconds of the {@code i}-th test instant: none, whole millis, whole micros, tenths (±1 ns), any. */
    private static int nanos(SplittableRandom random, int i) {
        return switch (i % 5) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            case 3 -> random.nextInt(10) * 100_000_000 + (random.nextBoolean() ? 0 : 1);
            default -> random.nextInt(1_000_000_000);
        };
    }

    @Test
    void whatTheContractWrites_readsBackToTheSameInstant() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            Instant t = Instant.ofEpochSecond(seconds, nanos(random, i));
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

    @Test
    void writtenInstants_areExactlyWhatJacksonWrote() throws Exception {
        assertEquals(IsoInstants.Serializer.class,
                Json.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class).getClass(),
                "the contract's mapper writes instants with the fast serializer");
        SplittableRandom random = new SplittableRandom(25);
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L); // years 0000 to 9999
            Instant t = Instant.ofEpochSecond(seconds, nanos(random, i));
            assertEquals(JACKSON_WRITER.writeValueAsString(t), Json.mapper().writeValueAsString(t), t.toString());
            assertEquals(t.toString(), new String(IsoInstants.format(t)));
        }
        Instant[] edges = {Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T23:59:59.100Z"), Instant.parse("2026-12-07T01:23:05.000001Z")};
        for (Instant t : edges) {
            assertEquals(JACKSON_WRITER.writeValueAsString(t), Json.mapper().writeValueAsString(t), t.toString());
        }
        for (Instant outside : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertNull(IsoInstants.format(outside), outside.toString());
            assertEquals(JACKSON_WRITER.writeValueAsString(outside), Json.mapper().writeValueAsString(outside));
        }
        assertEquals("\"2026-11-23T11:02:03Z\"", new String(Json.write(Instant.parse("2026-11-23T11:02:03Z")),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
