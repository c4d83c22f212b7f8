package org.gridstation.firmware.pins;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which physical header pin each station device is wired to, read from a small properties file
 * ({@code lamp=11}, …, one key per {@link Device}) and checked against the 40-pin header: every
 * device present, no pin used twice, no power, ground or ID-EEPROM pin used as a GPIO.
 */
public final class PinMap {
    /** The devices a station wires to the header. */
    public enum Device {
        /** Duty lamp, output. */
        LAMP("lamp", true),
        /** Buzzer, output. */
        BUZZER("buzzer", true),
        /** Emergency button, input, pressed = high. */
        BUTTON("button", false),
        /** Motion sensor (PIR), input, motion = high. */
        MOTION("motion", false);

        private final String key;
        private final boolean output;

        Device(String key, boolean output) {
            this.key = key;
            this.output = output;
        }

        public String key() {
            return key;
        }

        public boolean output() {
            return output;
        }
    }

    private final Map<Device, Integer> physical;

    private PinMap(Map<Device, Integer> physical) {
        this.physical = Map.copyOf(physical);
    }

    /**
     * Checks and builds a pin map from physical pin numbers.
     *
     * @throws IllegalArgumentException naming the device and pin for a missing device, a pin
     *         used twice, or a pin that is not a usable GPIO
     */
    public static PinMap of(Map<Device, Integer> physicalPins) {
        Map<Integer, Device> used = new HashMap<>();
        for (Device d : Device.values()) {
            Integer pin = physicalPins.get(d);
            if (pin == null) {
                throw new IllegalArgumentException("pin map has no pin for '" + d.key() + "'");
            }
            Header40.Kind kind = Header40.kind(pin);
            if (kind != Header40.Kind.GPIO) {
                throw new IllegalArgumentException("'" + d.key() + "' is on header pin " + pin + ", which is " + kind
                        + ", not a GPIO");
            }
            Device other = used.put(pin, d);
            if (other != null) {
                throw new IllegalArgumentException("header pin " + pin + " is used twice: '" + other.key() + "' and '"
                        + d.key() + "'");
            }
        }
        return new PinMap(physicalPins);
    }

    /** Reads a pin map file from the classpath, e.g. {@code pins/pi4.properties}. */
    public static PinMap load(String resource) {
        InputStream in = PinMap.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no pin map " + resource + " on the classpath");
        }
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pin map " + resource, e);
        }
        return parse(p, resource);
    }

    static PinMap parse(Properties p, String source) {
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        Map<Device, Integer> pins = new EnumMap<>(Device.class);
        for (Device d : Device.values()) {
            unknown.remove(d.key());
            String v = p.getProperty(d.key());
            if (v != null) {
                try {
                    pins.put(d, Integer.parseInt(v.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": '" + d.key() + "' must be a header pin number, was '"
                            + v + "'", e);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown key '" + unknown.iterator().next() + "'");
        }
        try {
            return of(pins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The physical header pin of {@code device}. */
    public int physical(Device device) {
        return physical.get(device);
    }

    /** The BCM GPIO number of {@code device}. */
    public int bcm(Device device) {
        return Header40.bcm(physical(device)).orElseThrow();
    }
}
