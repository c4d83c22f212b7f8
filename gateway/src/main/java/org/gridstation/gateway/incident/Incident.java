package org.gridstation.gateway.incident;

import java.time.Instant;
import java.util.Optional;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketStatus;

/**
 * An incident as stored. The phone number is personal data: the REST API only says whether
 * there is one. Every time is the gateway's clock except {@code reportedAt}.
 *
 * @param id the ticket number
 * @param stationId where it was filed
 * @param gridId the station's grid, if the station was known when it arrived
 * @param category what kind
 * @param severity how serious
 * @param status where it is in its lifecycle
 * @param level the rung of the escalation ladder handling it
 * @param phone call-back number, if given
 * @param note the villager's note, if any
 * @param anonymous the villager asked not to be named
 * @param createdAt when the gateway received it
 * @param reportedAt the kiosk's clock when it was filed (recorded, not trusted)
 * @param updatedAt the last step
 * @param acceptedAt first accepted
 * @param onSiteAt first on site
 * @param resolvedAt last resolved
 * @param closedAt closed
 * @param outcome how it ended, once closed
 * @param duplicateOf the incident it was merged into
 * @param statusNote the public answer to the villager
 * @param rating the villager's latest rating
 */
public record Incident(String id, String stationId, Optional<String> gridId, Category category, Severity severity,
        TicketStatus status, LadderLevel level, Optional<String> phone, Optional<String> note, boolean anonymous,
        Instant createdAt, Instant reportedAt, Instant updatedAt, Optional<Instant> acceptedAt,
        Optional<Instant> onSiteAt, Optional<Instant> resolvedAt, Optional<Instant> closedAt,
        Optional<Outcome> outcome, Optional<String> duplicateOf, Optional<String> statusNote,
        Optional<Rating> rating) {

    /** True until resolved or closed. */
    public boolean open() {
        return status.open();
    }
}
