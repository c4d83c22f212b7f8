package org.gridstation.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the raw phase splits its messages over subscriber connections. */
class RawSubscribersTest {
    @Test
    void aCountyBurstIsSplitSoNoConnectionNearsTheBrokersQueueLimit() {
        int n = RawSubscribers.connectionsFor(242_500, 2_425);
        assertEquals(10, n);
        // station i goes to connection i mod n: the busiest connection has ceil(2,425 / n) stations
        long busiest = (long) Math.ceil(2_425.0 / n) * 100;
        assertTrue(busiest <= RawSubscribers.MESSAGES_PER_CONNECTION, "at most 25,000 messages a connection: " + busiest);
        assertTrue(busiest < 100_000, "well under HiveMQ's and Mosquitto's 100,000 queued messages per client");
    }

    @Test
    void smallPhasesStillUseSeveralConnectionsButNeverMoreThanStations() {
        assertEquals(4, RawSubscribers.connectionsFor(100, 5));
        assertEquals(2, RawSubscribers.connectionsFor(100, 2));
        assertEquals(1, RawSubscribers.connectionsFor(0, 1));
        assertEquals(RawSubscribers.MAX_CONNECTIONS, RawSubscribers.connectionsFor(100_000_000, 10_000));
    }
}
