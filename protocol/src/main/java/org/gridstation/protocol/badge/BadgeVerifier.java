package org.gridstation.protocol.badge;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.downlink.RevocationList;

/**
 * Checks a scanned badge offline: well-formed, signed by a trusted key, current, not revoked.
 * Stateless; give it the key ring and revocation list in force.
 */
public final class BadgeVerifier {
    /** How far before its issue time a badge is accepted, for a kiosk clock that runs behind. */
    static final Duration CLOCK_TOLERANCE = Duration.ofHours(24);

    private BadgeVerifier() {
    }

    /** Checks {@code scanned} at the instant {@code now}. Never throws for bad input. */
    public static BadgeCheck verify(String scanned, KeyRing keys, RevocationList revocations, Instant now) {
        BadgeCodec.Parsed parsed;
        try {
            parsed = BadgeCodec.parse(scanned);
        } catch (IllegalArgumentException | MalformedMessageException e) {
            return new BadgeCheck.Refused(RefusalReason.MALFORMED, Optional.empty());
        }
        BadgeClaims claims = parsed.claims();
        Optional<PublicKey> key = keys.key(claims.keyId());
        if (key.isEmpty()) {
            return refused(RefusalReason.UNKNOWN_KEY, claims);
        }
        if (!signatureValid(key.get(), parsed)) {
            return refused(RefusalReason.BAD_SIGNATURE, claims);
        }
        Instant keyNotAfter = keys.notAfter(claims.keyId()).orElse(Instant.MAX);
        if (!now.isBefore(claims.expiresAt()) || now.isAfter(keyNotAfter)) {
            return refused(RefusalReason.EXPIRED, claims);
        }
        if (now.isBefore(claims.issuedAt().minus(CLOCK_TOLERANCE))) {
            return refused(RefusalReason.NOT_YET_VALID, claims);
        }
        if (revocations.isRevoked(claims.badgeId())) {
            return refused(RefusalReason.REVOKED, claims);
        }
        return new BadgeCheck.Valid(claims);
    }

    private static BadgeCheck refused(RefusalReason reason, BadgeClaims claims) {
        return new BadgeCheck.Refused(reason, Optional.of(claims));
    }

    private static boolean signatureValid(PublicKey key, BadgeCodec.Parsed parsed) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(parsed.signedBytes());
            return s.verify(parsed.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
