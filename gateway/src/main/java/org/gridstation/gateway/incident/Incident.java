package org.gridstation.gateway.incident;

import java.time.Instant;
import java.util.Optional;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/**
 * An incident as stored. The phone number is personal data: the REST API only says whether
 * there is one.
 *
 * @param id the ticket number
 * @param stationId where it was filed
 * @param gridId the station's grid, if the station was known when it arrived
 * @param category what kind
 * @param severity how serious
 * @param status where it is in its lifecycle
 * @param phone call-back number, if given
 * @param note the villager's note, if any
 * @param anonymous the villager asked not to be named
 * @param createdAt when the gateway received it
 * @param reportedAt the kiosk's clock when it was filed (recorded, not trusted)
 */
public record Incident(String id, String stationId, Optional<String> gridId, Category category, Severity severity,
        IncidentStatus status, Optional<String> phone, Optional<String> note, boolean anonymous, Instant createdAt,
        Instant reportedAt) {
}
