package org.gridstation.protocol.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/**
 * Where a ticket (an incident) is in its lifecycle: new → accepted → dispatched → on site →
 * resolved → closed, and reopened (after 不满意 or by a leader), which is open again.
 */
public enum TicketStatus implements Labelled {
    NEW("new", "待受理", "New"),
    ACCEPTED("accepted", "已受理", "Accepted"),
    DISPATCHED("dispatched", "已派单", "Dispatched"),
    ON_SITE("on-site", "已到场", "On site"),
    RESOLVED("resolved", "已办结", "Resolved"),
    CLOSED("closed", "已销号", "Closed"),
    REOPENED("reopened", "已重新办理", "Reopened");

    private final String wire;
    private final String zh;
    private final String en;

    TicketStatus(String wire, String zh, String en) {
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

    /** True until resolved or closed. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    /** The constant with this wire name. */
    @JsonCreator
    public static TicketStatus of(String wire) {
        return Labelled.fromWire(TicketStatus.class, wire);
    }
}
