package org.gridstation.protocol.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/**
 * The rung of the escalation ladder an incident is handled at: the station's service team, the
 * area grid, the village, the town ("小事不出队，大事不出村，矛盾不上交").
 */
public enum LadderLevel implements Labelled {
    TEAM("team", "服务队", "Service team"),
    AREA("area", "片区网格", "Area grid"),
    VILLAGE("village", "村", "Village"),
    TOWN("town", "镇", "Town");

    private final String wire;
    private final String zh;
    private final String en;

    LadderLevel(String wire, String zh, String en) {
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

    /** The next rung up, or this one at the top. */
    public LadderLevel up() {
        return this == TOWN ? TOWN : values()[ordinal() + 1];
    }

    /** True at the top of the ladder. */
    public boolean top() {
        return this == TOWN;
    }

    /** The constant with this wire name. */
    @JsonCreator
    public static LadderLevel of(String wire) {
        return Labelled.fromWire(LadderLevel.class, wire);
    }
}
