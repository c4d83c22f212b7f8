package org.gridstation.gateway.stats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A statistics report: the query, the figures of everything it matched, and one entry per group.
 *
 * @param from first day (town date, {@code YYYY-MM-DD})
 * @param to last day, inclusive
 * @param by the grouping's wire name
 * @param grid the grid filter, if any
 * @param category the category filter (wire name), if any
 * @param department the department filter, if any
 * @param zone the town's zone the dates are in
 * @param generatedAt the gateway's clock when computed (the "now" of pending and overdue)
 * @param total the figures of everything matched
 * @param groups the groups, in a stable order (grid and department by id, category in the
 *     protocol's order, month ascending); groups with nothing in them are left out
 */
public record StatsReport(String from, String to, String by, Optional<String> grid, Optional<String> category,
        Optional<String> department, String zone, Instant generatedAt, Figures total, List<Group> groups) {

    /**
     * One group.
     *
     * @param key the grid id, category wire name, department id or month ({@code YYYY-MM})
     * @param label what a reader sees: the grid's or department's name, the category's label, the month
     * @param figures its figures
     */
    public record Group(String key, String label, Figures figures) {
    }
}
