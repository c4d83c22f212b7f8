package org.gridstation.gateway.stats;

/** How a statistics report is split into groups. */
public enum GroupBy {
    /** The grids one level below the grid asked for (the villages when none is), each with its subtree. */
    GRID("grid"),
    /** The incident's category. */
    CATEGORY("category"),
    /** Each department whistled to; an incident that called two departments is in both groups. */
    DEPARTMENT("department"),
    /** The month the incident was received, in the town's zone. */
    MONTH("month");

    private final String wire;

    GroupBy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static GroupBy of(String wire) {
        for (GroupBy g : values()) {
            if (g.wire.equals(wire)) {
                return g;
            }
        }
        throw new IllegalArgumentException("by must be grid, category, department or month");
    }
}
