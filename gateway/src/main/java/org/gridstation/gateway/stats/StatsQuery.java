package org.gridstation.gateway.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.event.Category;

/**
 * What to count: incidents received from {@code from} to {@code to} inclusive (town dates),
 * optionally only a grid's subtree, one category, or those whistled to one department, split by
 * {@code by}.
 */
public record StatsQuery(LocalDate from, LocalDate to, Optional<String> gridId, Optional<Category> category,
        Optional<String> departmentId, GroupBy by) {
    /** The longest period one report covers. */
    public static final int MAX_DAYS = 3 * 366;

    public StatsQuery {
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        Objects.requireNonNull(by, "by is required");
        gridId = gridId == null ? Optional.empty() : gridId;
        category = category == null ? Optional.empty() : category;
        departmentId = departmentId == null ? Optional.empty() : departmentId;
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
        gridId.ifPresent(g -> Ids.require(g, "grid"));
        departmentId.ifPresent(d -> Ids.require(d, "department"));
    }
}
