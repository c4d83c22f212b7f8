package org.gridstation.protocol.downlink;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Schema;

/**
 * Retained on {@code gs/v1/town/revocations}: the badge ids that are revoked (lost, withdrawn).
 * A kiosk keeps the newest version it has seen and refuses these badges.
 *
 * @param schema contract version
 * @param version increases with every change
 * @param badgeIds revoked badges
 * @param issuedAt gateway clock when published
 */
public record RevocationList(int schema, long version, Set<String> badgeIds, Instant issuedAt) {
    public RevocationList {
        Schema.require(schema);
        badgeIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Ids.notNull(badgeIds, "badgeIds")));
        badgeIds.forEach(b -> Ids.require(b, "badgeIds[]"));
        Ids.notNull(issuedAt, "issuedAt");
    }

    /** An empty list, version 0. */
    public static RevocationList empty() {
        return new RevocationList(Schema.VERSION, 0, Set.of(), Instant.EPOCH);
    }

    public boolean isRevoked(String badgeId) {
        return badgeIds.contains(badgeId);
    }
}
