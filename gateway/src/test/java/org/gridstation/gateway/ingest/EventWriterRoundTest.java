package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How many events a station gets per turn of the writer's fair rounds. */
class EventWriterRoundTest {

    @Test
    void beforeTheRateIsKnown_eachStationGetsAnEvenShareOfOneBatch() {
        assertEquals(2, EventWriter.perStation(2425, 0));
        assertEquals(EventWriter.MAX_BATCH, EventWriter.perStation(1, 0));
        assertEquals(EventWriter.MAX_BATCH, EventWriter.perStation(0, 0));
    }

    @Test
    void atAKnownRate_aRoundOverAllStationsTakesAtMostTheRoundTime() {
        int stations = 2425;
        double rate = 3000;
        int n = EventWriter.perStation(stations, rate);
        assertEquals(6, n);
        assertTrue(stations * n / rate <= EventWriter.ROUND_SECONDS);
    }

    @Test
    void aTurnIsCappedAtTheKioskWindow_butNeverBelowAnEvenShare() {
        assertEquals(EventWriter.MAX_PER_STATION, EventWriter.perStation(100, 1_000_000));
        assertEquals(EventWriter.MAX_BATCH / 10, EventWriter.perStation(10, 1_000_000));
    }
}
