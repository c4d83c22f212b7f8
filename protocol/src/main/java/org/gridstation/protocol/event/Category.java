package org.gridstation.protocol.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/** Kinds of walk-in request, from the stations' field reports. */
public enum Category implements Labelled {
    LEGAL_ADVICE("legal-advice", "法律咨询", "Legal advice"),
    DISPUTE_MEDIATION("dispute-mediation", "矛盾调解", "Dispute mediation"),
    DELIBERATION("deliberation", "村民议事", "Villagers' deliberation"),
    ERRAND("errand", "代办服务", "Errand"),
    POLICY("policy", "政策咨询", "Policy question"),
    STREET_ORDER("street-order", "市容秩序", "Street order"),
    ENVIRONMENT("environment", "环境卫生", "Environment"),
    SAFETY_HAZARD("safety-hazard", "安全隐患", "Safety hazard"),
    VULNERABLE_HELP("vulnerable-help", "关爱帮扶", "Help for the vulnerable"),
    OTHER("other", "其他", "Other");

    private final String wire;
    private final String zh;
    private final String en;

    Category(String wire, String zh, String en) {
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
    public static Category of(String wire) {
        return Labelled.fromWire(Category.class, wire);
    }
}
