package org.gridstation.kiosk.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.downlink.StationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet settings at the kiosk: newer valid versions apply, the previous one is kept, a bad one is refused. */
class FleetSettingsTest {
    @TempDir
    Path dir;

    private static byte[] version(String station, long v, Map<String, String> settings) {
        return Json.write(new StationSettings(1, station, v, settings, Instant.parse("2026-12-01T01:00:00Z")));
    }

    @Test
    void aValidVersionApplies_aRefusedOneChangesNothing_andBothSurviveARestart() {
        FleetSettings f = new FleetSettings("hexing", dir);
        assertEquals(Optional.empty(), f.applied());
        assertEquals(Duration.ofSeconds(120), f.seconds("screen.dim.seconds", Duration.ofSeconds(120)), "own config");

        assertTrue(f.offer(version("hexing", 1, Map.of("screen.dim.seconds", "45", "speech.enabled", "true"))));
        assertEquals(Duration.ofSeconds(45), f.seconds("screen.dim.seconds", Duration.ofSeconds(120)));
        assertTrue(f.flag("speech.enabled", false));
        assertFalse(f.offer(version("hexing", 1, Map.of("screen.dim.seconds", "45"))), "the retained copy again");

        assertFalse(f.offer(version("hexing", 2, Map.of("screen.dim.seconds", "5"))));
        assertEquals(1, f.applied().orElseThrow().version(), "version 1 stays in force");
        assertEquals(Optional.of("screen.dim.seconds must be a whole number from 15 to 3600"), f.refusal());

        assertTrue(f.offer(version("hexing", 3, Map.of("heartbeat.seconds", "60"))));
        assertEquals(Optional.empty(), f.refusal());
        assertEquals(1, f.previous().orElseThrow().version(), "the replaced version is kept");
        assertEquals(Duration.ofSeconds(120), f.seconds("screen.dim.seconds", Duration.ofSeconds(120)),
                "a key the town no longer sets falls back to the kiosk's own configuration");

        FleetSettings restarted = new FleetSettings("hexing", dir);
        assertEquals(3, restarted.applied().orElseThrow().version());
        assertEquals(1, restarted.previous().orElseThrow().version());
        assertEquals(Duration.ofSeconds(60), restarted.seconds("heartbeat.seconds", Duration.ofSeconds(30)));
    }

    @Test
    void anotherStationsOrMalformedSettings_areCountedAndIgnored() {
        FleetSettings f = new FleetSettings("hexing", dir);
        assertFalse(f.offer(version("fengshou", 1, Map.of("speech.enabled", "true"))));
        assertFalse(f.offer("{\"schema\":1,".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, f.rejectedCount());
        assertEquals(Optional.empty(), f.applied());
    }
}
