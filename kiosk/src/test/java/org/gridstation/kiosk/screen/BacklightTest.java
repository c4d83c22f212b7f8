package org.gridstation.kiosk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backlight through a sysfs-like folder of real files. */
class BacklightTest {
    @TempDir
    Path sysfs;

    private Path device(String name, String brightness, String max) throws Exception {
        Path d = Files.createDirectories(sysfs.resolve(name));
        Files.writeString(d.resolve("max_brightness"), max + "\n");
        return Files.writeString(d.resolve("brightness"), brightness + "\n");
    }

    @Test
    void dimWritesATenthOfTheMaximum_andWakeRestoresTheBrightnessFoundAtStart() throws Exception {
        Path b = device("rpi_backlight", "180", "255");
        Screen screen = new Screen(Duration.ofSeconds(120), Backlight.open(b));
        screen.dimmed(true);
        assertEquals("25", Files.readString(b));
        screen.motion();
        assertFalse(screen.dimmed(), "motion wakes");
        assertEquals("180", Files.readString(b));
        assertEquals(1, screen.motions());
    }

    @Test
    void detect_findsAWritableBrightnessFile_andAnUnreadableOneIsIgnored() throws Exception {
        assertEquals(Optional.empty(), Backlight.detect(sysfs.resolve("none")));
        Path b = device("10-0045", "255", "255");
        assertEquals(Optional.of(b), Backlight.detect(sysfs));
        Files.writeString(b, "bright");
        assertTrue(Backlight.open(b).isEmpty(), "logged; only the page dims");
    }

    @Test
    void aWriteThatFails_isCountedNotThrown() throws Exception {
        Path b = device("gone", "100", "200");
        Backlight light = Backlight.open(b).orElseThrow();
        Files.delete(b);
        Files.delete(b.getParent().resolve("max_brightness"));
        Files.delete(b.getParent());
        light.dim();
        assertEquals(1, light.failures());
    }
}
