package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/** A villager's rating of how a ticket was handled. */
public enum Rating implements Labelled {
    SATISFIED("satisfied", "满意", "Satisfied"),
    BASICALLY_SATISFIED("basically-satisfied", "基本满意", "Basically satisfied"),
    DISSATISFIED("dissatisfied", "不满意", "Dissatisfied");

    private final String wire;
    private final String zh;
    private final String en;

    Rating(String wire, String zh, String en) {
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
    public static Rating of(String wire) {
        return Labelled.fromWire(Rating.class, wire);
    }
}
