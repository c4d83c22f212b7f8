/**
 * The screen's idle state: the touch page dims after a while without a touch, a scan or motion
 * (and, where the kiosk may, the display's backlight is lowered); motion or a touch wakes it.
 */
package org.gridstation.kiosk.screen;
