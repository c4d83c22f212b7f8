/**
 * The station's devices behind interfaces the kiosk owns ({@link org.gridstation.kiosk.hardware.DutyLamp},
 * {@link org.gridstation.kiosk.hardware.Buzzer}, {@link org.gridstation.kiosk.hardware.EmergencyButton}):
 * a Pi4J implementation for a Raspberry Pi and a simulated one for everywhere else.
 */
package org.gridstation.kiosk.hardware;
