package org.gridstation.gateway.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejected messages without letting a misbehaving station flood the log: at most
 * {@value #PER_WINDOW} lines per reason per minute, then one line saying how many more were
 * rejected. Every rejection is still counted in {@link IngestStats}.
 */
final class RejectLog {
    static final int PER_WINDOW = 20;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RejectLog.class);

    private final Clock clock;
    private final Map<RejectReason, Window> windows = new EnumMap<>(RejectReason.class);

    private static final class Window {
        Instant start;
        int logged;
        long suppressed;
    }

    RejectLog(Clock clock) {
        this.clock = clock;
    }

    /** Logs one rejection if the reason's budget allows; returns whether it was logged. */
    synchronized boolean log(RejectReason reason, String topic, String detail) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(reason, r -> new Window());
        if (w.start == null || !now.isBefore(w.start.plus(WINDOW))) {
            if (w.suppressed > 0) {
                log.warn("{} more messages rejected as {} in the last minute (not logged one by one)", w.suppressed,
                        reason.wire());
            }
            w.start = now;
            w.logged = 0;
            w.suppressed = 0;
        }
        if (w.logged < PER_WINDOW) {
            w.logged++;
            log.warn("rejected message on {}: {} {}", topic, reason.wire(), detail);
            return true;
        }
        w.suppressed++;
        return false;
    }
}
