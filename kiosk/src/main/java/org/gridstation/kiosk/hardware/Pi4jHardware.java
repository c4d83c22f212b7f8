package org.gridstation.kiosk.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gridstation.kiosk.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lamp, buzzer and emergency button on GPIO pins through Pi4J. The {@link Context} is handed
 * in (on a Pi, {@code Pi4J.newAutoContext()}; in tests, one built on Pi4J's mock platform) and
 * stays owned by the caller. The button and the motion sensor are wired active-high with a pull-down.
 */
public final class Pi4jHardware implements Hardware, DutyLamp, Buzzer, EmergencyButton, MotionSensor {
    private static final Logger log = LoggerFactory.getLogger(Pi4jHardware.class);
    static final long BEEP_MILLIS = 120;

    private final DigitalOutput lamp;
    private final DigitalOutput buzzer;
    private final DigitalInput button;
    private final DigitalInput motion;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> motionListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService beeper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-buzzer");
        t.setDaemon(true);
        return t;
    });

    public Pi4jHardware(Context pi4j, KioskConfig.GpioPins pins) {
        this.lamp = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("kiosk-lamp").name("Duty lamp").address(pins.lamp())
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        this.buzzer = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("kiosk-buzzer").name("Buzzer").address(pins.buzzer())
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
        this.button = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("kiosk-emergency").name("Emergency button").address(pins.button())
                .pull(PullResistance.PULL_DOWN).debounce(50_000L));
        button.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                log.info("emergency button pressed");
                listeners.forEach(Runnable::run);
            }
        });
        this.motion = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                .id("kiosk-motion").name("Motion sensor").address(pins.motion())
                .pull(PullResistance.PULL_DOWN).debounce(50_000L));
        motion.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                motionListeners.forEach(Runnable::run);
            }
        });
        log.info("GPIO ready: lamp BCM {}, buzzer BCM {}, button BCM {}, motion BCM {}", pins.lamp(), pins.buzzer(),
                pins.button(), pins.motion());
    }

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

    @Override
    public void set(boolean on) {
        lamp.state(on ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean isOn() {
        return lamp.isHigh();
    }

    @Override
    public void beep(int count) {
        if (count <= 0 || beeper.isShutdown()) {
            return;
        }
        beeper.execute(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    buzzer.high();
                    Thread.sleep(BEEP_MILLIS);
                    buzzer.low();
                    Thread.sleep(BEEP_MILLIS);
                }
            } catch (InterruptedException e) {
                buzzer.low();
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void onPress(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        beeper.shutdownNow();
        try {
            beeper.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lamp.low();
        buzzer.low();
    }
}
