package org.gridstation.kiosk.hardware;

/** The buzzer that confirms a scan: one beep accepted, three beeps refused. Never blocks the caller. */
public interface Buzzer {
    void beep(int count);
}
