package org.gridstation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void stationTopics_followTheTree() {
        assertEquals("gs/v1/stations/hexing/events", Topics.events("hexing"));
        assertEquals("gs/v1/stations/hexing/ack", Topics.ack("hexing"));
        assertEquals("gs/v1/stations/+/heartbeat", Topics.allStations(Topics.Kind.HEARTBEAT));
        assertEquals("$share/gateway/gs/v1/stations/+/events",
                Topics.shared("gateway", Topics.allStations(Topics.Kind.EVENTS)));
    }

    @Test
    void parse_roundTripsEveryKind() {
        for (Topics.Kind kind : Topics.Kind.values()) {
            String topic = Topics.station("s-01", kind);
            assertEquals(Optional.of(new Topics.Address("s-01", kind)), Topics.parse(topic));
        }
    }

    @Test
    void parse_rejectsForeignAndMalformedTopics() {
        assertTrue(Topics.parse("gs/v2/stations/s1/events").isEmpty());
        assertTrue(Topics.parse("gs/v1/stations/s1/events/extra").isEmpty());
        assertTrue(Topics.parse("gs/v1/stations/s1/unknown").isEmpty());
        assertTrue(Topics.parse("gs/v1/stations//events").isEmpty());
        assertTrue(Topics.parse("gs/v1/stations/bad id/events").isEmpty());
        assertTrue(Topics.parse(null).isEmpty());
    }

    @Test
    void stationIdsThatAreNotSlugs_cannotBuildTopics() {
        assertThrows(IllegalArgumentException.class, () -> Topics.events("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Topics.events("+"));
        assertThrows(IllegalArgumentException.class, () -> Topics.events("#"));
    }
}
