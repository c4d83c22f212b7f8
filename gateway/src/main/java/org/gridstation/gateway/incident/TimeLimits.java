package org.gridstation.gateway.incident;

import java.time.Duration;
import java.util.Objects;
import org.gridstation.protocol.event.Severity;

/**
 * How long an incident may take to be accepted, to have someone on site, and to be resolved,
 * counted from when the gateway received it. A missed limit climbs the ladder one rung and
 * starts the same limit again at the new rung.
 *
 * @param accept to be accepted
 * @param onSite to have someone on site (also a whistled department's limit to report)
 * @param resolve to be resolved
 */
public record TimeLimits(Duration accept, Duration onSite, Duration resolve) {
    public TimeLimits {
        for (Duration d : new Duration[] {accept, onSite, resolve}) {
            Objects.requireNonNull(d, "time limits are required");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("time limits must be positive");
            }
        }
        if (onSite.compareTo(accept) < 0 || resolve.compareTo(onSite) < 0) {
            throw new IllegalArgumentException("time limits must not shrink: accept ≤ on site ≤ resolve");
        }
    }

    /** The defaults: urgent 5 min / 30 min / 4 h; major 30 min / 4 h / 2 days; normal 4 h / 1 day / 7 days. */
    public static TimeLimits defaults(Severity severity) {
        return switch (severity) {
            case URGENT -> new TimeLimits(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(4));
            case MAJOR -> new TimeLimits(Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofDays(2));
            case NORMAL -> new TimeLimits(Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(7));
        };
    }

    /** The limit of {@code stage}. */
    public Duration of(Stage stage) {
        return switch (stage) {
            case ACCEPT -> accept;
            case ON_SITE, REPORT -> onSite;
            case RESOLVE -> resolve;
        };
    }
}
