package org.gridstation.gateway.roster;

import java.time.Instant;
import java.util.List;

/**
 * One badge on duty at two or more stations at once (a copied badge, or a forgotten badge-out):
 * handed to the gateway's hook once per occurrence.
 *
 * @param badgeId the badge
 * @param personId its holder
 * @param stationIds where it is on duty, sorted
 * @param at when the rule found it
 */
public record BadgeConflict(String badgeId, String personId, List<String> stationIds, Instant at) {
    public BadgeConflict {
        stationIds = List.copyOf(stationIds);
    }
}
