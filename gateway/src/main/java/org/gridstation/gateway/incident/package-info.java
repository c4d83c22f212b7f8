/**
 * Incidents: walk-in requests filed at a kiosk (the ticket number is the incident id) and
 * emergency-button presses (urgent, {@code {stationId}-sos-{seq}}). Only the first step of the
 * lifecycle ({@code new}) exists so far; feedback on tickets is stored for later.
 */
package org.gridstation.gateway.incident;
