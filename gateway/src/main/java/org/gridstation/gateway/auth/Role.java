package org.gridstation.gateway.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a signed-in account (or an API token) may do; grid leaders and department staff are scoped. */
public enum Role {
    /** Town administrator: everything, including accounts, keys and settings. */
    ADMIN("admin", "镇管理员", "Town administrator"),
    /** Command-centre operator: works every incident and roster of the town; no accounts or keys. */
    OPERATOR("operator", "指挥中心值班员", "Command-centre operator"),
    /** Grid leader: their grid and every grid below it. */
    GRID_LEADER("grid-leader", "网格长", "Grid leader"),
    /** Department staff: only incidents whistled to their department. */
    DEPARTMENT("department", "部门人员", "Department staff"),
    /** Read-only viewer of the whole town (e.g. a wall screen or a metrics scraper). */
    VIEWER("viewer", "只读查看", "Read-only viewer");

    private final String wire;
    private final String zh;
    private final String en;

    Role(String wire, String zh, String en) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
    }

    public String wire() {
        return wire;
    }

    public String label(String lang) {
        return "en".equals(lang) ? en : zh;
    }

    public static Optional<Role> parse(String s) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(s)).findFirst();
    }
}
