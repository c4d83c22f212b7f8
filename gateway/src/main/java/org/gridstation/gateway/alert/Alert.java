package org.gridstation.gateway.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Something the grid leader and the command centre must see.
 *
 * @param id the alert, rising
 * @param kind what it is about
 * @param stationId where, if at a station
 * @param gridId the station's grid (or the person's)
 * @param personId who, if about one person
 * @param shiftId which shift, if about one
 * @param message the details, zh-CN
 * @param raisedAt when it was raised (gateway clock)
 * @param clearedAt when it was cleared; empty while open
 */
public record Alert(long id, AlertKind kind, Optional<String> stationId, Optional<String> gridId, Optional<String> personId,
        Optional<String> shiftId, String message, Instant raisedAt, Optional<Instant> clearedAt) {

    public boolean open() {
        return clearedAt.isEmpty();
    }
}
