package org.gridstation.kiosk.hardware;

/** The station's emergency button. */
public interface EmergencyButton {
    /** Registers a callback run once per press (on a hardware thread; keep it short). */
    void onPress(Runnable listener);
}
