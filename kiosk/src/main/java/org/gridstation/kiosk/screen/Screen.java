package org.gridstation.kiosk.screen;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen's idle state as the kiosk knows it. The touch page keeps the idle timer (it sees the
 * touches and the scanner's keys); it reads {@link #motions()} to wake on motion and reports when
 * it dims and wakes, so the backlight follows. Motion wakes the backlight at once.
 */
public final class Screen {
    private static final Logger log = LoggerFactory.getLogger(Screen.class);

    private final java.util.function.Supplier<Duration> dimAfter;
    private final Optional<Backlight> backlight;
    private final AtomicLong motions = new AtomicLong();
    private volatile boolean dimmed;

    public Screen(Duration dimAfter, Optional<Backlight> backlight) {
        this(() -> dimAfter, backlight);
    }

    /** A screen whose idle time follows {@code dimAfter} (the station's setting, which the town may change). */
    public Screen(java.util.function.Supplier<Duration> dimAfter, Optional<Backlight> backlight) {
        this.dimAfter = dimAfter;
        this.backlight = backlight;
    }

    /** The motion sensor saw someone. */
    public void motion() {
        motions.incrementAndGet();
        if (dimmed) {
            log.debug("motion: waking the screen");
            dimmed(false);
        }
    }

    /** The page dimmed ({@code true}) or woke ({@code false}). */
    public synchronized void dimmed(boolean now) {
        if (now == dimmed) {
            return;
        }
        dimmed = now;
        backlight.ifPresent(b -> {
            if (now) {
                b.dim();
            } else {
                b.wake();
            }
        });
    }

    public boolean dimmed() {
        return dimmed;
    }

    /** Motion seen since start; the page wakes when it grows. */
    public long motions() {
        return motions.get();
    }

    /** How long without a touch, a scan or motion before the page dims. */
    public Duration dimAfter() {
        return dimAfter.get();
    }
}
