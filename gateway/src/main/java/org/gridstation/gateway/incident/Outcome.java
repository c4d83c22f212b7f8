package org.gridstation.gateway.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/** How a closed incident ended. */
public enum Outcome implements Labelled {
    RESOLVED("resolved", "已解决", "Resolved"),
    REFERRED("referred", "已转交", "Referred"),
    DUPLICATE("duplicate", "重复诉求", "Duplicate"),
    NOT_OURS("not-ours", "不属本职", "Not ours");

    private final String wire;
    private final String zh;
    private final String en;

    Outcome(String wire, String zh, String en) {
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

    public static Outcome of(String wire) {
        return Labelled.fromWire(Outcome.class, wire);
    }
}
