package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.gridstation.kiosk.hardware.SimulatedHardware;

/** {@code /api/v1/simulator}: the simulated lamp and buzzer, and a button to press (simulated hardware only). */
final class SimulatorRoutes {
    private final Optional<SimulatedHardware> hardware;

    SimulatorRoutes(Optional<SimulatedHardware> hardware) {
        this.hardware = hardware;
    }

    /**
     * The simulated devices.
     *
     * @param lampOn whether the duty lamp is on
     * @param beeps beeps sounded since start
     * @param emergencyPresses emergency presses since start
     */
    record SimulatorState(boolean lampOn, long beeps, long emergencyPresses) {
    }

    void state(Context ctx) {
        SimulatedHardware hw = require();
        ctx.json(new SimulatorState(hw.isOn(), hw.beepCount(), hw.pressCount()));
    }

    void pressEmergency(Context ctx) {
        SimulatedHardware hw = require();
        hw.pressEmergency();
        ctx.status(HttpStatus.ACCEPTED).json(new SimulatorState(hw.isOn(), hw.beepCount(), hw.pressCount()));
    }

    private SimulatedHardware require() {
        return hardware.orElseThrow(() -> new NotFound("此站点使用真实硬件，无模拟器", "This station runs real hardware; there is no simulator"));
    }

    /** Answered as 404. */
    static final class NotFound extends RuntimeException {
        final String zh;
        final String en;

        NotFound(String zh, String en) {
            super(en);
            this.zh = zh;
            this.en = en;
        }
    }
}
