package org.gridstation.gateway.roster;

import java.time.Instant;

/**
 * A station with fewer volunteers than its shift requires at start plus grace: handed to the
 * gateway's no-show hook (which opens an incident) once per shift.
 *
 * @param stationId where
 * @param gridId the station's grid
 * @param shiftId which shift
 * @param required how many it needs
 * @param present how many had checked in
 * @param at when the rule found it (start plus grace, gateway clock)
 */
public record NoShow(String stationId, String gridId, String shiftId, int required, int present, Instant at) {
}
