package org.gridstation.gateway.alert;

import java.util.Locale;
import org.gridstation.protocol.Labelled;

/** What an alert is about. */
public enum AlertKind implements Labelled {
    /** Fewer volunteers than required at start plus grace. */
    UNSTAFFED("站点缺岗", "Station unstaffed"),
    /** A duty session left open was closed by the gateway at the shift's end plus one hour. */
    FORGOTTEN_CHECKOUT("未签退，已自动签退", "Forgot to badge out, closed automatically"),
    /** One badge on duty at two stations at once. */
    BADGE_TWO_STATIONS("同一工作证在两个站点同时在岗", "One badge on duty at two stations");

    private final String zh;
    private final String en;

    AlertKind(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    public static AlertKind of(String wire) {
        return Labelled.fromWire(AlertKind.class, wire);
    }
}
