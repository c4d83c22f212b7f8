package org.gridstation.gateway.points;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of the points ledger; lines are never changed or removed.
 *
 * @param id the entry, rising
 * @param personId whose points
 * @param rule which rule ({@code duty}, {@code no-show} or a named award)
 * @param points how many, two decimals; negative for a deduction
 * @param reason why, zh-CN, as the volunteer reads it
 * @param ref what it is for: a shift id, an incident id …
 * @param at when it was booked
 * @param month the town-zone month it counts for, {@code YYYY-MM}
 */
public record LedgerEntry(long id, String personId, String rule, BigDecimal points, String reason, String ref, Instant at,
        String month) {
}
