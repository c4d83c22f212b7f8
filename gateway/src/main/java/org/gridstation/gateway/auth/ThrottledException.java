package org.gridstation.gateway.auth;

import java.time.Duration;

/** Too many failed sign-ins: try again after {@link #retryAfter()} (HTTP 429). */
public final class ThrottledException extends RuntimeException {
    private final Duration retryAfter;

    public ThrottledException(Duration retryAfter) {
        super("too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
