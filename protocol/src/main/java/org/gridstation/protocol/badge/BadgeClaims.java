package org.gridstation.protocol.badge;

import java.time.Instant;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Role;

/**
 * What a badge says about its holder.
 *
 * @param badgeId this badge (a person may hold several over time; each can be revoked)
 * @param personId the holder
 * @param name the holder's name, as printed on the card
 * @param role the holder's grid role
 * @param gridId the holder's grid
 * @param keyId the signing key
 * @param issuedAt when it was issued
 * @param expiresAt when it stops being valid; mandatory
 */
public record BadgeClaims(
        String badgeId, String personId, String name, Role role, String gridId, String keyId,
        Instant issuedAt, Instant expiresAt) {

    public BadgeClaims {
        Ids.require(badgeId, "badgeId");
        Ids.require(personId, "personId");
        Ids.notNull(name, "name");
        if (name.isBlank() || name.length() > 40) {
            throw new IllegalArgumentException("name must be 1-40 characters");
        }
        Ids.notNull(role, "role");
        Ids.require(gridId, "gridId");
        Ids.require(keyId, "keyId");
        Ids.notNull(issuedAt, "issuedAt");
        Ids.notNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
    }
}
