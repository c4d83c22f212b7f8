package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/** How serious a request is (seed 000: 普通, 重大, 紧急). */
public enum Severity implements Labelled {
    NORMAL("normal", "普通", "Normal"),
    MAJOR("major", "重大", "Major"),
    URGENT("urgent", "紧急", "Urgent");

    private final String wire;
    private final String zh;
    private final String en;

    Severity(String wire, String zh, String en) {
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
    public static Severity of(String wire) {
        return Labelled.fromWire(Severity.class, wire);
    }
}
