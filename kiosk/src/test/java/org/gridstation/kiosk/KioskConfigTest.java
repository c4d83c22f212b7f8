package org.gridstation.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaults_areTheDocumentedOnes() {
        KioskConfig c = KioskConfig.defaults("hexing", dir, "tcp://gateway:1883");
        assertEquals("127.0.0.1", c.httpHost());
        assertEquals(7070, c.httpPort());
        assertEquals(KioskConfig.HardwareMode.SIMULATED, c.hardware());
        assertEquals(new KioskConfig.GpioPins(17, 27, 22), c.gpio());
        assertEquals(Duration.ofSeconds(30), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(15), c.resendAfter());
        assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
        assertEquals(256L * 1024 * 1024, c.outboxMaxBytes());
        assertEquals("kiosk-hexing", c.mqttClientId());
        assertEquals(23, c.gpio().motion());
        assertEquals(Duration.ofSeconds(120), c.peripherals().screenDimAfter());
        assertEquals(Optional.empty(), c.peripherals().backlight());
        assertEquals(false, c.peripherals().speechEnabled());
        assertEquals(java.util.List.of("espeak-ng", "-v", "cmn"), c.peripherals().speechCommand());
        assertEquals(Optional.empty(), c.peripherals().printerDevice());
        assertEquals(java.util.List.of(), c.peripherals().cameraCommand(), "no camera unless one is configured");
    }

    @Test
    void load_readsTheScreenSpeechAndPrinterKeys() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, String.join("\n", "station.id=hexing", "mqtt.uri=tcp://gw:1883", "gpio.motion=24",
                "screen.dim.seconds=30", "screen.backlight=/sys/class/backlight/10-0045/brightness", "speech.enabled=true",
                "speech.command=espeak-ng -v cmn -s 140", "printer.device=/dev/usb/lp0",
                "camera.command=rpicam-vid -t 0 -n --codec mjpeg --width 640 --height 480 --framerate 5 -o -"));
        KioskConfig c = KioskConfig.load(file);
        assertEquals(new KioskConfig.GpioPins(17, 27, 22, 24), c.gpio());
        assertEquals(Duration.ofSeconds(30), c.peripherals().screenDimAfter());
        assertEquals(Optional.of(Path.of("/sys/class/backlight/10-0045/brightness")), c.peripherals().backlight());
        assertTrue(c.peripherals().speechEnabled());
        assertEquals(java.util.List.of("espeak-ng", "-v", "cmn", "-s", "140"), c.peripherals().speechCommand());
        assertEquals(Optional.of(Path.of("/dev/usb/lp0")), c.peripherals().printerDevice());
        assertEquals(java.util.List.of("rpicam-vid", "-t", "0", "-n", "--codec", "mjpeg", "--width", "640", "--height",
                "480", "--framerate", "5", "-o", "-"), c.peripherals().cameraCommand());

        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\nspeech.enabled=yes\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage()
                .contains("speech.enabled"));
        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\ngpio.motion=22\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage()
                .contains("different pins"));
        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\nscreen.dim.seconds=0\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage()
                .contains("screen.dim.seconds"));
    }

    @Test
    void load_readsEveryKey_andResolvesDataDirAgainstTheFile() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, String.join("\n",
                "station.id=hexing", "data.dir=state", "http.host=0.0.0.0", "http.port=8080",
                "mqtt.uri=tcp://gw:1883", "mqtt.username=kiosk-hexing", "mqtt.password=secret",
                "hardware=pi4j", "gpio.lamp=5", "gpio.buzzer=6", "gpio.button=13", "heartbeat.seconds=10",
                "resend.seconds=20", "town.zone=Asia/Urumqi", "outbox.max.bytes=1048576"));
        KioskConfig c = KioskConfig.load(file);
        assertEquals(dir.resolve("state").toAbsolutePath(), c.dataDir());
        assertEquals("0.0.0.0", c.httpHost());
        assertEquals(8080, c.httpPort());
        assertEquals(Optional.of("kiosk-hexing"), c.mqttUsername());
        assertEquals(Optional.of("secret"), c.mqttPassword());
        assertEquals(KioskConfig.HardwareMode.PI4J, c.hardware());
        assertEquals(new KioskConfig.GpioPins(5, 6, 13), c.gpio());
        assertEquals(Duration.ofSeconds(10), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(20), c.resendAfter());
        assertEquals(ZoneId.of("Asia/Urumqi"), c.zone());
        assertEquals(1048576, c.outboxMaxBytes());
        assertTrue(!c.toString().contains("secret"), "no password in toString");
    }

    @Test
    void sslBroker_takesTheTownsRootBesideTheFile_andIsRefusedWithoutOne() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "station.id=hexing\nmqtt.uri=ssl://gw:8883\nmqtt.ca=ca.crt\n");
        KioskConfig c = KioskConfig.load(file);
        assertEquals("ssl://gw:8883", c.mqttUri());
        assertEquals(Optional.of(dir.resolve("ca.crt").toAbsolutePath()), c.mqttCaFile());

        Files.writeString(file, "station.id=hexing\nmqtt.uri=ssl://gw:8883\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage().contains("mqtt.ca"));
    }

    @Test
    void unknownKey_isAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\nhttp.prot=7070\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file));
        assertTrue(e.getMessage().contains("'http.prot'"), e.getMessage());
    }

    @Test
    void badValues_areErrorsNamingTheKey() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\nhttp.port=seventy\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage().contains("http.port"));
        Files.writeString(file, "station.id=hexing\nmqtt.uri=tcp://gw:1883\nhardware=arduino\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage().contains("hardware"));
        Files.writeString(file, "mqtt.uri=tcp://gw:1883\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KioskConfig.load(file)).getMessage().contains("station.id"));
        assertThrows(IllegalArgumentException.class, () -> KioskConfig.defaults("bad id", dir, "tcp://gw:1883"));
        assertThrows(IllegalArgumentException.class, () -> KioskConfig.defaults("hexing", dir, "gateway"));
    }
}
