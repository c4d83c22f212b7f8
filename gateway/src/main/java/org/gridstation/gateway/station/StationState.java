package org.gridstation.gateway.station;

import java.time.Instant;
import java.util.Optional;

/**
 * What the gateway knows of a station's connection.
 *
 * @param stationId the station
 * @param online connected by its last status, and heard from within the heartbeat timeout
 * @param statusOnline what its last status message said
 * @param lastSeen when the gateway last heard from it (any status, heartbeat or event)
 * @param health from its last heartbeat
 */
public record StationState(String stationId, boolean online, boolean statusOnline, Optional<Instant> lastSeen,
        Optional<Health> health) {

    /** A station never heard from. */
    public static StationState unknown(String stationId) {
        return new StationState(stationId, false, false, Optional.empty(), Optional.empty());
    }
}
