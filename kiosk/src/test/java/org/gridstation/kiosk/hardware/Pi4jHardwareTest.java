package org.gridstation.kiosk.hardware;

import static org.gridstation.kiosk.testing.TestGateway.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.kiosk.badge.DutyLedger;
import org.gridstation.kiosk.badge.ScanDesk;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.outbox.Outbox;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.kiosk.testing.TestTown;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.event.ButtonPressed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pi4J implementation on Pi4J's mock platform, wired to a real outbox. */
class Pi4jHardwareTest {
    @TempDir
    Path dir;
    private Context pi4j;
    private Pi4jHardware hardware;
    private KioskDatabase db;
    private Outbox outbox;

    @BeforeEach
    void setUp() {
        pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        hardware = new Pi4jHardware(pi4j, KioskConfig.GpioPins.defaults());
        db = KioskDatabase.open(dir, 1 << 24);
        outbox = new Outbox(db, "hexing", Clock.systemUTC(), Duration.ofSeconds(15));
    }

    @AfterEach
    void tearDown() {
        hardware.close();
        pi4j.shutdown();
        db.close();
    }

    @Test
    void lampOutput_followsOnDutyState() {
        TestTown town = new TestTown();
        TownState state = new TownState("hexing", dir, TestTown.ZONE, Clock.systemUTC());
        state.offer(Topics.TOWN_KEYS, Json.write(town.publicKeys()));
        ScanDesk desk = new ScanDesk(outbox, state, new DutyLedger(db), hardware.lamp(), hardware.buzzer(), () -> false,
                Clock.systemUTC());
        DigitalOutput lamp = pi4j.registry().get("kiosk-lamp", DigitalOutput.class);
        assertEquals(17, lamp.address().intValue());
        assertFalse(lamp.isHigh());
        String badge = town.badge("p-017", "张伟");
        desk.scan(badge, "zh");
        assertTrue(lamp.isHigh(), "on while someone is on duty");
        desk.scan(badge, "zh");
        assertFalse(lamp.isHigh(), "off when the last one leaves");
    }

    @Test
    void buzzer_pulsesOncePerBeep() throws Exception {
        DigitalOutput buzzer = pi4j.registry().get("kiosk-buzzer", DigitalOutput.class);
        AtomicInteger pulses = new AtomicInteger();
        buzzer.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                pulses.incrementAndGet();
            }
        });
        hardware.beep(3);
        await("three pulses", 5_000, () -> pulses.get() == 3 && buzzer.isLow());
    }

    @Test
    void buttonPress_createsButtonPressedEventInTheOutbox() throws Exception {
        new EmergencyRelay(outbox, hardware.buzzer(), new SignalLamp(hardware.lamp()), Clock.systemUTC())
                .attach(hardware.emergencyButton());
        MockDigitalInput button = pi4j.registry().get("kiosk-emergency", MockDigitalInput.class);
        assertEquals(22, button.address().intValue());
        button.mockState(DigitalState.HIGH);
        await("event stored", 5_000, () -> outbox.pendingCount() == 1);
        assertEquals(new ButtonPressed("emergency"), outbox.pending().get(0).body());
        button.mockState(DigitalState.LOW);
        Thread.sleep(100);
        assertEquals(1, outbox.pendingCount(), "releasing the button is not a press");
        button.mockState(DigitalState.HIGH);
        button.mockState(DigitalState.LOW);
        Thread.sleep(100);
        assertEquals(1, outbox.pendingCount(), "a second press within the lockout is the same emergency");
    }

    @Test
    void motionSensorInput_wakesTheDimmedScreen() throws Exception {
        org.gridstation.kiosk.screen.Screen screen = new org.gridstation.kiosk.screen.Screen(Duration.ofSeconds(120),
                java.util.Optional.empty());
        hardware.motionSensor().onMotion(screen::motion);
        MockDigitalInput motion = pi4j.registry().get("kiosk-motion", MockDigitalInput.class);
        assertEquals(23, motion.address().intValue());
        screen.dimmed(true);
        motion.mockState(DigitalState.HIGH);
        await("motion seen", 5_000, () -> screen.motions() == 1);
        assertFalse(screen.dimmed());
        motion.mockState(DigitalState.LOW);
        Thread.sleep(100);
        assertEquals(1, screen.motions(), "the sensor going quiet is no motion");
    }

    @Test
    void emergencyPress_blinksTheLamp_untilTheGatewayAcksThatEvent_thenShowsStaffedAgain() throws Exception {
        SignalLamp lamp = new SignalLamp(hardware.lamp());
        try {
            EmergencyRelay relay = new EmergencyRelay(outbox, hardware.buzzer(), lamp, Clock.systemUTC());
            relay.attach(hardware.emergencyButton());
            DigitalOutput output = pi4j.registry().get("kiosk-lamp", DigitalOutput.class);
            AtomicInteger flashes = new AtomicInteger();
            output.addListener(e -> {
                if (e.state() == DigitalState.HIGH) {
                    flashes.incrementAndGet();
                }
            });
            lamp.set(true); // someone is on duty
            assertTrue(output.isHigh());

            pi4j.registry().get("kiosk-emergency", MockDigitalInput.class).mockState(DigitalState.HIGH);
            await("emergency stored", 5_000, () -> outbox.pendingCount() == 1);
            java.util.UUID event = outbox.pending().get(0).id();
            int before = flashes.get();
            await("the lamp flashes four times", 10_000, () -> flashes.get() - before >= 4);
            assertTrue(lamp.isOn(), "still staffed while blinking");

            outbox.acknowledge(java.util.List.of(java.util.UUID.randomUUID()));
            relay.resync();
            assertTrue(lamp.blinking(), "an ack naming other events does not stop it");
            lamp.set(false); // the volunteer badges out meanwhile: remembered, not shown
            assertTrue(lamp.blinking());

            outbox.acknowledge(java.util.List.of(event)); // what the gateway's ack does
            relay.resync();
            assertFalse(lamp.blinking());
            assertFalse(output.isHigh(), "back to showing unstaffed");
            int settled = flashes.get();
            Thread.sleep(3 * SignalLamp.HALF_PERIOD.toMillis());
            assertEquals(settled, flashes.get(), "no more flashing");
            lamp.set(true);
            assertTrue(output.isHigh());
        } finally {
            lamp.close();
        }
    }
}
