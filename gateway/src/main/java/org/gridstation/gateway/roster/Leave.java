package org.gridstation.gateway.roster;

import java.time.LocalDate;
import java.util.Optional;
import org.gridstation.protocol.Ids;

/**
 * A person unavailable from {@code from} to {@code to} (inclusive, town dates): the planner leaves
 * them out of the shifts starting on those dates, so the gap shows.
 *
 * @param id the leave entry
 * @param personId who
 * @param from the first day away
 * @param to the last day away
 * @param reason why, if given
 */
public record Leave(String id, String personId, LocalDate from, LocalDate to, Optional<String> reason) {
    public Leave {
        Ids.require(id, "leaveId");
        Ids.require(personId, "personId");
        Ids.notNull(from, "from");
        Ids.notNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new IllegalArgumentException("leave may be at most a year long");
        }
        reason = reason == null ? Optional.empty() : reason.filter(r -> !r.isBlank());
        reason.ifPresent(r -> {
            if (r.length() > 200) {
                throw new IllegalArgumentException("reason must be at most 200 characters");
            }
        });
    }

    /** True if {@code date} falls in the leave. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
