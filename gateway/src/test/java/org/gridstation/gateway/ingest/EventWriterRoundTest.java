package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How many events a station gets per turn of the writer's fair rounds. */
class EventWriterRoundTest {

    @Test
    void beforeTheRateIsKnown_eachStationGetsAnEvenShareOfTheFirstSmallBatch() {
        assertEquals(1, EventWriter.perStation(2425, 0));
        assertEquals(2, EventWriter.perStation(250, 0));
        assertEquals(EventWriter.MIN_BATCH, EventWriter.perStation(1, 0));
        assertEquals(EventWriter.MIN_BATCH, EventWriter.perStation(0, 0));
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
    void aTurnIsCappedAtTheKioskWindow_andIsAtLeastOneEvent() {
        assertEquals(EventWriter.MAX_PER_STATION, EventWriter.perStation(100, 1_000_000));
        assertEquals(EventWriter.MAX_PER_STATION, EventWriter.perStation(10, 1_000_000));
        assertEquals(1, EventWriter.perStation(2425, 300), "a slow writer still serves every station every round");
    }

    @Test
    void aBatchIsAboutTwoSecondsOfWork_withinItsBounds() {
        assertEquals(EventWriter.MIN_BATCH, EventWriter.batchSize(0), "the first batch, before the rate is known, is small");
        assertEquals(EventWriter.MIN_BATCH, EventWriter.batchSize(100));
        assertEquals(1000, EventWriter.batchSize(500));
        assertEquals(EventWriter.MAX_BATCH, EventWriter.batchSize(10_000));
    }
}
