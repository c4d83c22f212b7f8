package org.gridstation.kiosk.hardware;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty lamp as the station uses it: it shows staffed or unstaffed, except while an emergency
 * is unanswered, when it blinks (about 2 Hz) until the gateway's ack names every emergency event
 * it is blinking for. Blinking needs no network: an outage only makes it last longer.
 */
public final class SignalLamp implements DutyLamp, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SignalLamp.class);
    /** On for this long, off for this long: 2 Hz. */
    public static final Duration HALF_PERIOD = Duration.ofMillis(250);

    private final DutyLamp output;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-lamp-blink");
        t.setDaemon(true);
        return t;
    });
    private boolean staffed;
    private boolean lit;
    private ScheduledFuture<?> blinking;

    public SignalLamp(DutyLamp output) {
        this.output = output;
    }

    /** Staffed (on) or not (off); shown at once unless the lamp is blinking for an emergency, else after it. */
    @Override
    public synchronized void set(boolean on) {
        staffed = on;
        if (blinking == null) {
            output.set(on);
        }
    }

    /** Whether the station is staffed, as last {@link #set}; not the blink phase. */
    @Override
    public synchronized boolean isOn() {
        return staffed;
    }

    /**
     * Blinks while {@code emergencies} (the presses the gateway has not yet acknowledged) is not
     * empty; otherwise shows staffed or unstaffed.
     */
    public synchronized void unanswered(Collection<UUID> emergencies) {
        if (!emergencies.isEmpty() && blinking == null && !timer.isShutdown()) {
            log.warn("duty lamp blinking until the gateway acknowledges the emergency");
            blinking = timer.scheduleAtFixedRate(this::toggle, 0, HALF_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } else if (emergencies.isEmpty() && blinking != null) {
            blinking.cancel(false);
            blinking = null;
            output.set(staffed);
            log.info("emergency acknowledged by the gateway; duty lamp shows {} again", staffed ? "staffed" : "unstaffed");
        }
    }

    /** Whether the lamp is blinking for an unanswered emergency. */
    public synchronized boolean blinking() {
        return blinking != null;
    }

    private synchronized void toggle() {
        if (blinking == null) {
            return;
        }
        lit = !lit;
        output.set(lit);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        blinking = null;
    }
}
