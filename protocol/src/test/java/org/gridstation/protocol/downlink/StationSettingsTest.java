package org.gridstation.protocol.downlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StationSettingsTest {

    @Test
    void validSettings_haveNoProblem() {
        assertEquals(Optional.empty(), StationSettings.problem(Map.of("speech.enabled", "false",
                "screen.dim.seconds", "15", "heartbeat.seconds", "600", "resend.seconds", "30", "language.default", "en")));
    }

    @Test
    void anUnknownKeyOrAnInvalidValue_isNamed() {
        assertEquals(Optional.of("unknown setting screen.brightness"),
                StationSettings.problem(Map.of("screen.brightness", "80")));
        assertEquals(Optional.of("heartbeat.seconds must be a whole number from 10 to 600"),
                StationSettings.problem(Map.of("heartbeat.seconds", "5")));
        assertEquals(Optional.of("heartbeat.seconds must be a whole number from 10 to 600"),
                StationSettings.problem(Map.of("heartbeat.seconds", "ten")));
        assertEquals(Optional.of("speech.enabled must be true or false"),
                StationSettings.problem(Map.of("speech.enabled", "yes")));
    }
}
