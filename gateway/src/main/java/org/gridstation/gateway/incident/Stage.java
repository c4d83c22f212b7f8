package org.gridstation.gateway.incident;

/**
 * A stage with a time limit: to be accepted, to be on site, to be resolved, and a whistled
 * department's report on site (报到).
 */
public enum Stage {
    ACCEPT("accept"),
    ON_SITE("on-site"),
    RESOLVE("resolve"),
    REPORT("report");

    private final String wire;

    Stage(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Stage of(String wire) {
        for (Stage s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage " + wire);
    }
}
