package org.gridstation.gateway.badge;

import org.gridstation.protocol.Ids;
import org.gridstation.protocol.badge.BadgeClaims;

/**
 * A badge just issued.
 *
 * @param token the signed token, the QR code's content
 * @param claims what it says
 */
public record IssuedBadge(String token, BadgeClaims claims) {
    public IssuedBadge {
        Ids.notNull(token, "token");
        Ids.notNull(claims, "claims");
    }
}
