package org.gridstation.protocol.badge;

import java.util.Optional;

/** The result of checking a scanned badge: valid with its claims, or refused with a reason. */
public sealed interface BadgeCheck {

    /** The badge is genuine, current and not revoked. */
    record Valid(BadgeClaims claims) implements BadgeCheck {
    }

    /**
     * The badge is refused.
     *
     * @param reason why
     * @param claims what the badge claimed, where it could be read at all (never trust these
     *     beyond naming the badge in the refusal event)
     */
    record Refused(RefusalReason reason, Optional<BadgeClaims> claims) implements BadgeCheck {
    }

    default boolean valid() {
        return this instanceof Valid;
    }
}
