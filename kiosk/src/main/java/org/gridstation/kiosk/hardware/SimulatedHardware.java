package org.gridstation.kiosk.hardware;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices without GPIO, for a laptop, CI and the demo: the lamp and buzzer record their state,
 * {@link #pressEmergency()} (the simulator page's button) presses the emergency button and
 * {@link #triggerMotion()} trips the motion sensor.
 */
public final class SimulatedHardware implements Hardware, DutyLamp, Buzzer, EmergencyButton, MotionSensor {
    private static final Logger log = LoggerFactory.getLogger(SimulatedHardware.class);

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> motionListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong motions = new AtomicLong();
    private final AtomicLong beeps = new AtomicLong();
    private final AtomicLong presses = new AtomicLong();
    private volatile boolean lampOn;

    @Override
    public DutyLamp lamp() {
        return this;
    }

    @Override
    public Buzzer buzzer() {
        return this;
    }

    @Override
    public EmergencyButton emergencyButton() {
        return this;
    }

    @Override
    public MotionSensor motionSensor() {
        return this;
    }

    @Override
    public void onMotion(Runnable listener) {
        motionListeners.add(listener);
    }

    /** Someone walks past the simulated motion sensor. */
    public void triggerMotion() {
        motions.incrementAndGet();
        log.info("simulated motion");
        motionListeners.forEach(Runnable::run);
    }

    /** Motion triggered since start. */
    public long motionCount() {
        return motions.get();
    }

    @Override
    public void set(boolean on) {
        if (on != lampOn) {
            log.debug("duty lamp {}", on ? "on" : "off"); // debug: it blinks for an emergency
        }
        lampOn = on;
    }

    @Override
    public boolean isOn() {
        return lampOn;
    }

    @Override
    public void beep(int count) {
        beeps.addAndGet(Math.max(0, count));
        log.debug("buzzer: {} beep(s)", count);
    }

    @Override
    public void onPress(Runnable listener) {
        listeners.add(listener);
    }

    /** Presses the emergency button once. */
    public void pressEmergency() {
        presses.incrementAndGet();
        log.info("simulated emergency button pressed");
        listeners.forEach(Runnable::run);
    }

    /** Beeps sounded since start. */
    public long beepCount() {
        return beeps.get();
    }

    /** Emergency presses since start. */
    public long pressCount() {
        return presses.get();
    }

    @Override
    public void close() {
        lampOn = false;
    }
}
