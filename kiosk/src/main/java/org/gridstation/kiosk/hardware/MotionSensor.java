package org.gridstation.kiosk.hardware;

/** The motion sensor by the kiosk (e.g. a PIR module): wakes the dimmed screen. */
public interface MotionSensor {
    /** Registers a callback run on each detected motion (on a hardware thread; keep it short). */
    void onMotion(Runnable listener);
}
