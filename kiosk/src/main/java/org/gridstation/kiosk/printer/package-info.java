/**
 * The ESC/POS receipt printer ({@code printer.device}): after a walk-in request, a printed ticket
 * with the station, the ticket number, the category, the time and the tracking QR code. Printing
 * never holds up the ticket: failures are logged, counted and shown as a small notice.
 */
package org.gridstation.kiosk.printer;
