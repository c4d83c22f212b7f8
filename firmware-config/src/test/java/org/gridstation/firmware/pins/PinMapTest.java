package org.gridstation.firmware.pins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinMapTest {
    @ParameterizedTest
    @ValueSource(strings = {"pi4", "pi5"})
    void everyBoardsPinMap_passesTheHeaderCheck_andMatchesTheKioskDefaults(String board) {
        PinMap map = PinMap.load("pins/" + board + ".properties");

        assertEquals(17, map.bcm(PinMap.Device.LAMP));
        assertEquals(27, map.bcm(PinMap.Device.BUZZER));
        assertEquals(22, map.bcm(PinMap.Device.BUTTON));
        assertEquals(23, map.bcm(PinMap.Device.MOTION));
    }

    @Test
    void pinUsedTwice_isRefused_namingBothDevices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=11", "buzzer=11", "button=15", "motion=16"), "test"));

        assertTrue(e.getMessage().contains("pin 11 is used twice") && e.getMessage().contains("lamp")
                && e.getMessage().contains("buzzer"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 6, 9, 14, 17, 20, 25, 30, 34, 39})
    void powerOrGroundPin_isRefusedAsGpio(int pin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=" + pin, "buzzer=13", "button=15", "motion=16"), "test"));

        assertTrue(e.getMessage().contains("not a GPIO"), e.getMessage());
    }

    @Test
    void idEepromPins_andPinsOffTheHeader_areRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=27", "buzzer=13", "button=15", "motion=16"), "test"));
        assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=41", "buzzer=13", "button=15", "motion=16"), "test"));
        assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=0", "buzzer=13", "button=15", "motion=16"), "test"));
    }

    @Test
    void missingDevice_unknownKey_andNonNumber_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> PinMap.parse(props("lamp=11", "buzzer=13", "button=15"), "t"));
        assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=11", "buzzer=13", "button=15", "motion=16", "fan=18"), "t"));
        assertThrows(IllegalArgumentException.class,
                () -> PinMap.parse(props("lamp=eleven", "buzzer=13", "button=15", "motion=16"), "t"));
    }

    @Test
    void header_hasEveryBcmGpio2To27_onceEach_and26UsablePins() {
        Set<Integer> bcm = new HashSet<>();
        int gpioPins = 0;
        for (int pin = 1; pin <= 40; pin++) {
            if (Header40.kind(pin) == Header40.Kind.GPIO) {
                gpioPins++;
                assertTrue(bcm.add(Header40.bcm(pin).orElseThrow()), "BCM number twice at pin " + pin);
            }
        }
        assertEquals(26, gpioPins);
        for (int n = 2; n <= 27; n++) {
            assertTrue(bcm.contains(n), "GPIO" + n);
        }
    }

    private static Properties props(String... entries) {
        Properties p = new Properties();
        for (String e : entries) {
            String[] kv = e.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return p;
    }
}
