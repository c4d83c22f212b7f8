package org.gridstation.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RejectLogTest {

    @Test
    void aFloodOfRejects_isLoggedAFewTimesPerMinute_perReason() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RejectLog log = new RejectLog(clock);
        int logged = 0;
        for (int i = 0; i < 10_000; i++) {
            logged += log.log(RejectReason.MALFORMED, "gs/v1/stations/s1/events", "") ? 1 : 0;
        }
        assertTrue(logged == RejectLog.PER_WINDOW, "logged " + logged);
        assertTrue(log.log(RejectReason.OVERSIZED, "gs/v1/stations/s1/events", ""), "each reason has its own budget");
        assertFalse(log.log(RejectReason.MALFORMED, "t", ""));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertTrue(log.log(RejectReason.MALFORMED, "t", ""), "a new minute, a new budget");
    }
}
