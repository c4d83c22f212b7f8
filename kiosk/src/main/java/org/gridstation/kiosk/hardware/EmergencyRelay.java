package org.gridstation.kiosk.hardware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.outbox.OutboxFullException;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an emergency-button press into a {@code ButtonPressed("emergency")} event in the outbox
 * and blinks the lamp until the gateway acknowledges that event.
 * Presses within {@link #LOCKOUT} of the last recorded one are the same emergency (a held or
 * hammered button) and are not recorded again.
 */
public final class EmergencyRelay {
    private static final Logger log = LoggerFactory.getLogger(EmergencyRelay.class);

    /** Presses closer together than this count once. */
    public static final Duration LOCKOUT = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final Buzzer buzzer;
    private final SignalLamp lamp;
    private final Clock clock;
    private Instant lastRecorded = Instant.MIN;

    public EmergencyRelay(Outbox outbox, Buzzer buzzer, SignalLamp lamp, Clock clock) {
        this.outbox = outbox;
        this.buzzer = buzzer;
        this.lamp = lamp;
        this.clock = clock;
    }

    /**
     * Makes the lamp blink exactly while an emergency press waits in the outbox for the gateway's
     * acknowledgement: call at start (a restart during an outage keeps signalling) and after every
     * ack. Reading the outbox, not remembering ids, leaves no race with an ack that arrives fast.
     */
    public synchronized void resync() {
        lamp.unanswered(outbox.pendingEmergencies());
    }

    /** Listens to {@code button} from now on. */
    public void attach(EmergencyButton button) {
        button.onPress(this::pressed);
    }

    private synchronized void pressed() {
        Instant now = clock.instant();
        if (now.isBefore(lastRecorded.plus(LOCKOUT))) {
            log.info("emergency button pressed again within {}; same emergency", LOCKOUT);
            return;
        }
        try {
            Event e = outbox.append(new ButtonPressed(ButtonPressed.EMERGENCY));
            lastRecorded = now;
            resync();
            log.warn("emergency button pressed; event seq {} stored", e.seq());
            buzzer.beep(1);
        } catch (OutboxFullException e) {
            log.error("emergency button pressed but the outbox is full; the press was not recorded");
            buzzer.beep(3);
        } catch (RuntimeException e) {
            log.error("emergency button pressed but recording it failed", e);
            buzzer.beep(3);
        }
    }
}
