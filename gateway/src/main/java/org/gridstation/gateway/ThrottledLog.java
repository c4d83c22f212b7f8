package org.gridstation.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Warnings a flood must not repeat line by line (a misbehaving station, a county burst): at most
 * {@value #PER_WINDOW} lines per kind a minute, then, with the next one after the minute, one line
 * saying how many more there were. The caller still counts every case.
 */
public final class ThrottledLog {
    public static final int PER_WINDOW = 20;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Logger log;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        Instant start;
        int logged;
        long suppressed;
    }

    /** Warns through {@code log}. */
    public ThrottledLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Logs {@code format} with {@code args} as a warning if {@code kind}'s budget for this minute
     * allows; returns whether it did.
     */
    public synchronized boolean warn(String kind, String format, Object... args) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        if (w.start == null || !now.isBefore(w.start.plus(WINDOW))) {
            if (w.suppressed > 0) {
                log.warn("{} more {} in the last minute (not logged one by one)", w.suppressed, kind);
            }
            w.start = now;
            w.logged = 0;
            w.suppressed = 0;
        }
        if (w.logged < PER_WINDOW) {
            w.logged++;
            log.warn(format, args);
            return true;
        }
        w.suppressed++;
        return false;
    }
}
