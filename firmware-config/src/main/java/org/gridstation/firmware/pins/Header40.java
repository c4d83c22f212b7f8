package org.gridstation.firmware.pins;

import java.util.Map;
import java.util.Optional;

/**
 * The Raspberry Pi 40-pin header (identical on the Pi 4 and Pi 5): which physical pin is power,
 * ground, the HAT ID EEPROM bus, or which BCM GPIO.
 */
public final class Header40 {
    /** What a physical header pin is. */
    public enum Kind {
        POWER_3V3, POWER_5V, GROUND,
        /** GPIO 0/1 (pins 27/28), reserved for the HAT ID EEPROM. */
        ID_EEPROM,
        GPIO
    }

    private static final Map<Integer, Integer> BCM = Map.ofEntries(
            Map.entry(3, 2), Map.entry(5, 3), Map.entry(7, 4), Map.entry(8, 14), Map.entry(10, 15),
            Map.entry(11, 17), Map.entry(12, 18), Map.entry(13, 27), Map.entry(15, 22), Map.entry(16, 23),
            Map.entry(18, 24), Map.entry(19, 10), Map.entry(21, 9), Map.entry(22, 25), Map.entry(23, 11),
            Map.entry(24, 8), Map.entry(26, 7), Map.entry(29, 5), Map.entry(31, 6), Map.entry(32, 12),
            Map.entry(33, 13), Map.entry(35, 19), Map.entry(36, 16), Map.entry(37, 26), Map.entry(38, 20),
            Map.entry(40, 21));

    private Header40() {
    }

    /** The kind of physical pin {@code pin} (1-40). */
    public static Kind kind(int pin) {
        if (pin < 1 || pin > 40) {
            throw new IllegalArgumentException("the header has pins 1-40, not " + pin);
        }
        switch (pin) {
            case 1: case 17:
                return Kind.POWER_3V3;
            case 2: case 4:
                return Kind.POWER_5V;
            case 6: case 9: case 14: case 20: case 25: case 30: case 34: case 39:
                return Kind.GROUND;
            case 27: case 28:
                return Kind.ID_EEPROM;
            default:
                return Kind.GPIO;
        }
    }

    /** The BCM GPIO number on physical pin {@code pin}, if it is a usable GPIO. */
    public static Optional<Integer> bcm(int pin) {
        return kind(pin) == Kind.GPIO ? Optional.of(BCM.get(pin)) : Optional.empty();
    }
}
