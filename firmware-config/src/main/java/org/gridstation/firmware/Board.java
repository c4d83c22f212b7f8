package org.gridstation.firmware;

import java.util.Locale;

/** The Raspberry Pi models a station runs on; each has a template overlay and a pin map. */
public enum Board {
    PI4, PI5;

    /** The name used on the command line and for the template and pin-map folders: {@code pi4}, {@code pi5}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pi4} or {@code pi5}. */
    public static Board parse(String value) {
        for (Board b : values()) {
            if (b.wire().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("board must be pi4 or pi5, was '" + value + "'");
    }
}
