package org.gridstation.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A person's role in the grid (seed 003's six-level team). */
public enum Role implements Labelled {
    SUPERVISOR("supervisor", "督导员", "Supervisor"),
    GRID_CHIEF("grid-chief", "总网格长", "Grid chief"),
    INSTRUCTOR("instructor", "网格指导员", "Grid instructor"),
    SUBGRID_LEADER("subgrid-leader", "子网格长", "Sub-grid leader"),
    GRID_MEMBER("grid-member", "网格员", "Grid member"),
    VOLUNTEER("volunteer", "志愿者", "Volunteer");

    private final String wire;
    private final String zh;
    private final String en;

    Role(String wire, String zh, String en) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    /** The constant with this wire name. */
    @JsonCreator
    public static Role of(String wire) {
        return Labelled.fromWire(Role.class, wire);
    }
}
