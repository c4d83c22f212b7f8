package org.gridstation.kiosk;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.gridstation.kiosk.screen.Backlight;

/**
 * Reads a kiosk properties file (UTF-8).
 *
 * <p>Keys: {@code station.id}, {@code mqtt.uri} (required); {@code data.dir} (default {@code data},
 * relative to the file's folder), {@code http.host}, {@code http.port}, {@code mqtt.username},
 * {@code mqtt.password}, {@code mqtt.ca} (the town's {@code ca.crt} for an {@code ssl://} broker, relative
 * to the file's folder), {@code hardware} ({@code simulated|pi4j}), {@code gpio.lamp},
 * {@code gpio.buzzer}, {@code gpio.button}, {@code gpio.motion}, {@code heartbeat.seconds}, {@code resend.seconds},
 * {@code town.zone}, {@code outbox.max.bytes}, {@code screen.dim.seconds}, {@code screen.backlight}
 * ({@code auto} or a {@code brightness} file), {@code speech.enabled}, {@code speech.command},
 * {@code printer.device}, {@code camera.command} (split at whitespace, no shell). Any other key is
 * an error that names it.
 */
final class ConfigFile {
    static final Set<String> KEYS = Set.of("station.id", "data.dir", "http.host", "http.port", "mqtt.uri",
            "mqtt.username", "mqtt.password", "mqtt.ca", "hardware", "gpio.lamp", "gpio.buzzer", "gpio.button",
            "heartbeat.seconds", "resend.seconds", "town.zone", "outbox.max.bytes", "gpio.motion", "screen.dim.seconds",
            "screen.backlight", "speech.enabled", "speech.command", "printer.device", "camera.command");

    private final Properties props;
    private final Path file;

    private ConfigFile(Properties props, Path file) {
        this.props = props;
        this.file = file;
    }

    static KioskConfig load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kiosk config " + file, e);
        }
        return new ConfigFile(props, file).toConfig();
    }

    private KioskConfig toConfig() {
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown key '" + unknown.iterator().next()
                    + "' (known keys: " + new TreeSet<>(KEYS) + ")");
        }
        String stationId = required("station.id");
        Path folder = file.toAbsolutePath().getParent();
        Path dataDir = folder.resolve(text("data.dir").orElse("data"));
        String mqttUri = required("mqtt.uri");
        // the defaults, on a placeholder broker (an ssl:// one is only valid with its mqtt.ca)
        KioskConfig c = KioskConfig.defaults(stationId, dataDir, "tcp://localhost:1883");
        KioskConfig.GpioPins pins = new KioskConfig.GpioPins(
                integer("gpio.lamp", c.gpio().lamp()),
                integer("gpio.buzzer", c.gpio().buzzer()),
                integer("gpio.button", c.gpio().button()),
                integer("gpio.motion", c.gpio().motion()));
        try {
            return new KioskConfig(stationId, dataDir,
                    text("http.host").orElse(c.httpHost()),
                    integer("http.port", c.httpPort()),
                    mqttUri,
                    text("mqtt.username"),
                    text("mqtt.password"),
                    text("mqtt.ca").map(folder::resolve),
                    hardware(),
                    pins,
                    Duration.ofSeconds(integer("heartbeat.seconds", (int) c.heartbeatInterval().toSeconds())),
                    Duration.ofSeconds(integer("resend.seconds", (int) c.resendAfter().toSeconds())),
                    zone(),
                    longValue("outbox.max.bytes", c.outboxMaxBytes()),
                    c.softwareVersion(),
                    peripherals(c.peripherals()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private KioskConfig.Peripherals peripherals(KioskConfig.Peripherals d) {
        return new KioskConfig.Peripherals(
                Duration.ofSeconds(integer("screen.dim.seconds", (int) d.screenDimAfter().toSeconds())),
                text("screen.backlight").flatMap(v -> v.equals("auto") ? Backlight.detect() : Optional.of(Path.of(v))),
                bool("speech.enabled", d.speechEnabled()),
                text("speech.command").map(v -> List.of(v.split("\\s+"))).orElse(d.speechCommand()),
                text("printer.device").map(Path::of),
                text("camera.command").map(v -> List.of(v.split("\\s+"))).orElse(List.of()));
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> v = text(key);
        if (v.isEmpty()) {
            return fallback;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(file + ": key '" + key + "' must be true or false, was '" + v.get() + "'");
        }
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(props.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private String required(String key) {
        return text(key).orElseThrow(() -> new IllegalArgumentException(file + ": missing required key '" + key + "'"));
    }

    private int integer(String key, int fallback) {
        long v = longValue(key, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": key '" + key + "' is out of range");
        }
        return (int) v;
    }

    private long longValue(String key, long fallback) {
        Optional<String> v = text(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": key '" + key + "' must be a whole number, was '" + v.get() + "'", e);
        }
    }

    private KioskConfig.HardwareMode hardware() {
        String v = text("hardware").orElse("simulated").toLowerCase(Locale.ROOT);
        switch (v) {
            case "simulated":
                return KioskConfig.HardwareMode.SIMULATED;
            case "pi4j":
                return KioskConfig.HardwareMode.PI4J;
            default:
                throw new IllegalArgumentException(file + ": key 'hardware' must be simulated or pi4j, was '" + v + "'");
        }
    }

    private ZoneId zone() {
        Optional<String> v = text("town.zone");
        if (v.isEmpty()) {
            return KioskConfig.DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(v.get());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(file + ": key 'town.zone' is not a time zone: '" + v.get() + "'", e);
        }
    }
}
