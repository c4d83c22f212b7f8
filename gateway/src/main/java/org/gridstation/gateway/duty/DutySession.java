package org.gridstation.gateway.duty;

import java.time.Instant;
import java.util.Optional;

/**
 * One stretch on duty at a station.
 *
 * @param stationId where
 * @param personId who
 * @param badgeId the badge shown at check-in
 * @param shiftId the roster shift it fills, if scheduled
 * @param scheduled true if the person was on the roster
 * @param inAt when the check-in reached the gateway
 * @param outAt when the check-out reached the gateway; empty while on duty
 */
public record DutySession(String stationId, String personId, String badgeId, Optional<String> shiftId, boolean scheduled,
        Instant inAt, Optional<Instant> outAt) {

    public boolean open() {
        return outAt.isEmpty();
    }
}
