package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

    @Test
    void aFlood_isLoggedAFewTimesPerMinute_perKind() {
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
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(ThrottledLogTest.class), clock);
        int logged = 0;
        for (int i = 0; i < 10_000; i++) {
            logged += log.warn("malformed", "rejected message on {}: {}", "gs/v1/stations/s1/events", "malformed") ? 1 : 0;
        }
        assertTrue(logged == ThrottledLog.PER_WINDOW, "logged " + logged);
        assertTrue(log.warn("oversized", "rejected message on {}: {}", "t", "oversized"), "each kind has its own budget");
        assertFalse(log.warn("malformed", "rejected message on {}: {}", "t", "malformed"));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertTrue(log.warn("malformed", "rejected message on {}: {}", "t", "malformed"), "a new minute, a new budget");
    }
}
