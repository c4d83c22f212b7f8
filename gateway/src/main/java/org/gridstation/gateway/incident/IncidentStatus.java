package org.gridstation.gateway.incident;

import org.gridstation.protocol.Labelled;

/** Where an incident is in its lifecycle. */
public enum IncidentStatus implements Labelled {
    NEW("new", "待受理", "New"),
    ACCEPTED("accepted", "已受理", "Accepted"),
    DISPATCHED("dispatched", "已派单", "Dispatched"),
    ESCALATED("escalated", "已吹哨", "Escalated"),
    RESOLVED("resolved", "已办结", "Resolved"),
    CLOSED("closed", "已销号", "Closed");

    private final String wire;
    private final String zh;
    private final String en;

    IncidentStatus(String wire, String zh, String en) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
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

    /** True until resolved or closed. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    public static IncidentStatus of(String wire) {
        return Labelled.fromWire(IncidentStatus.class, wire);
    }
}
