package org.gridstation.kiosk.hardware;

/** The lamp outside the station that shows it is staffed (on while anyone is on duty). */
public interface DutyLamp {
    void set(boolean on);

    boolean isOn();
}
