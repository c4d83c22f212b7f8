/**
 * The station kiosk: {@link org.gridstation.kiosk.KioskApp} builds it from a
 * {@link org.gridstation.kiosk.KioskConfig}; {@link org.gridstation.kiosk.KioskMain} runs it until SIGTERM.
 */
package org.gridstation.kiosk;
