package org.gridstation.kiosk.screen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A display backlight through its sysfs {@code brightness} file (on a Pi with the official
 * touchscreen, {@code /sys/class/backlight/<device>/brightness}, next to {@code max_brightness}).
 * Dimming writes a tenth of the maximum; waking writes back the brightness found at start. A
 * write that fails is logged and counted, never thrown: the page dims anyway.
 */
public final class Backlight {
    private static final Logger log = LoggerFactory.getLogger(Backlight.class);
    static final Path SYSFS = Path.of("/sys/class/backlight");

    private final Path brightness;
    private final int bright;
    private final int dim;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param brightness the {@code brightness} file
     * @throws IllegalArgumentException if it cannot be read as a number
     */
    public Backlight(Path brightness) {
        this.brightness = brightness;
        this.bright = read(brightness).orElseThrow(() -> new IllegalArgumentException(
                "screen.backlight: cannot read a brightness from " + brightness));
        int max = read(brightness.resolveSibling("max_brightness")).orElse(Math.max(bright, 1));
        this.dim = Math.max(1, max / 10);
    }

    /** The backlight at {@code brightness}, or empty (logged) if that file cannot be read. */
    public static Optional<Backlight> open(Path brightness) {
        try {
            return Optional.of(new Backlight(brightness));
        } catch (IllegalArgumentException e) {
            log.warn("{}; only the page will dim", e.getMessage());
            return Optional.empty();
        }
    }

    /** The first writable {@code /sys/class/backlight/* /brightness}, if any. */
    public static Optional<Path> detect() {
        return detect(SYSFS);
    }

    static Optional<Path> detect(Path sysfs) {
        if (!Files.isDirectory(sysfs)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(sysfs)) {
            for (Path d : devices) {
                Path b = d.resolve("brightness");
                if (Files.isWritable(b)) {
                    return Optional.of(b);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list {}: {}", sysfs, e.getMessage());
        }
        return Optional.empty();
    }

    public void dim() {
        write(dim);
    }

    public void wake() {
        write(bright);
    }

    /** Writes that failed since start. */
    public long failures() {
        return failures.get();
    }

    private void write(int value) {
        try {
            Files.writeString(brightness, Integer.toString(value), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            log.warn("cannot set the backlight at {}: {}", brightness, e.toString());
        }
    }

    private static Optional<Integer> read(Path file) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
