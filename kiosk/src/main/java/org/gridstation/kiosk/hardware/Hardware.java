package org.gridstation.kiosk.hardware;

/** The station's devices, as one unit that is opened and closed together. */
public interface Hardware extends AutoCloseable {
    DutyLamp lamp();

    Buzzer buzzer();

    EmergencyButton emergencyButton();

    MotionSensor motionSensor();

    /** Switches outputs off and releases the pins. */
    @Override
    void close();
}
