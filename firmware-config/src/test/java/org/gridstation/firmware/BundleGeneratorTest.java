package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.gridstation.kiosk.KioskConfig;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.downlink.PublicKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleGeneratorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Board.class)
    void generatedKioskProperties_loadWithTheKiosksOwnLoader(Board board) throws Exception {
        Bundle bundle = Fixtures.fixedGenerator().write(Fixtures.spec(board), dir);

        KioskConfig config = KioskConfig.load(dir.resolve("kiosk.properties"));

        assertEquals("qingxi-hexing", config.stationId());
        if (board == Board.PI5) { // provisioned for a broker with TLS: the town's root is in the bundle
            assertEquals("ssl://gateway.lan:8883", config.mqttUri());
            assertEquals(Optional.of(dir.resolve("ca.crt").toAbsolutePath().normalize()), config.mqttCaFile());
            assertTrue(Files.readString(dir.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
        } else {
            assertEquals("tcp://gateway.lan:1883", config.mqttUri());
            assertEquals(Optional.empty(), config.mqttCaFile());
        }
        assertEquals(Optional.of("kiosk-qingxi-hexing"), config.mqttUsername());
        assertEquals(bundle.mqttUsername(), config.mqttUsername().orElseThrow());
        assertEquals(BundleGenerator.PASSWORD_LENGTH, config.mqttPassword().orElseThrow().length());
        assertEquals(KioskConfig.HardwareMode.PI4J, config.hardware());
        assertEquals(new KioskConfig.GpioPins(17, 27, 22), config.gpio());
        assertEquals(ZoneId.of("Asia/Shanghai"), config.zone());
        assertEquals(Path.of("/var/lib/gridstation"), config.dataDir());
        assertEquals(7070, config.httpPort());
    }

    @Test
    void keysJson_readsBackAsTheTownsPublicKeys_andMakesAKeyRing() throws Exception {
        Fixtures.fixedGenerator().write(Fixtures.spec(Board.PI5), dir);

        PublicKeys read = Json.read(Files.readAllBytes(dir.resolve("keys.json")), PublicKeys.class);

        assertEquals(Fixtures.keys(), read);
        KeyRing.of(read);
    }

    @Test
    void passwordLineAndKioskConfig_nameTheSameUser_andTheHashIsNotThePassword() throws Exception {
        Bundle bundle = new BundleGenerator(new SecureRandom()).write(Fixtures.spec(Board.PI4), dir);
        String password = KioskConfig.load(dir.resolve("kiosk.properties")).mqttPassword().orElseThrow();
        String line = bundle.file("mosquitto/passwd").orElseThrow().content();

        assertTrue(line.startsWith("kiosk-qingxi-hexing:$7$101$"), line);
        assertFalse(line.contains(password));
        assertTrue(bundle.file("mosquitto/acl").orElseThrow().content().contains("user kiosk-qingxi-hexing\n"));
    }

    @Test
    void twoBundles_getDifferentPasswords() {
        SecureRandom random = new SecureRandom();
        String a = new BundleGenerator(random).generate(Fixtures.spec(Board.PI4)).file("kiosk.properties").orElseThrow().content();
        String b = new BundleGenerator(random).generate(Fixtures.spec(Board.PI4)).file("kiosk.properties").orElseThrow().content();

        assertNotEquals(a, b);
    }

    @Test
    void credentialFiles_areOwnerOnly_andScriptsExecutable() throws Exception {
        Fixtures.fixedGenerator().write(Fixtures.spec(Board.PI4), dir);

        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("kiosk.properties")));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("mosquitto/passwd")));
        assertTrue(Files.isExecutable(dir.resolve("install.sh")));
        assertTrue(Files.isExecutable(dir.resolve("bin/gs-watchdog")));
    }

    @Test
    void boardOverlay_addsItsOwnConfigTxt() {
        String pi4 = Fixtures.fixedGenerator().generate(Fixtures.spec(Board.PI4)).file("config.txt").orElseThrow().content();
        String pi5 = Fixtures.fixedGenerator().generate(Fixtures.spec(Board.PI5)).file("config.txt").orElseThrow().content();

        assertTrue(pi4.contains("[pi4]\n") && pi4.contains("dtparam=watchdog=on\n"), pi4);
        assertTrue(pi5.contains("[pi5]\n") && pi5.contains("dtparam=watchdog=on\n"), pi5);
        assertTrue(pi4.contains("gpio=17=op,dl\n") && pi4.contains("gpio=22=ip,pd\n") && pi4.contains("gpio=23=ip,pd\n"));
    }

    @Test
    void ipv6Host_isBracketedInTheMqttUri() {
        StationSpec spec = Fixtures.spec("s1", "fd00::1", 1883);

        assertEquals("tcp://[fd00::1]:1883", spec.mqttUri());
    }

    @Test
    void badInputs_areRefusedWithTheirName() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.spec("bad id!", "gateway", 1883));
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.spec("s1", "gateway; rm -rf /", 1883));
        assertTrue(host.getMessage().contains("mqttHost"));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.spec("s1", "gateway", 0));
        assertThrows(IllegalArgumentException.class, () -> new StationSpec("s1", "two\nlines", "gateway", 1883,
                Board.PI4, Fixtures.keys(), ZoneId.of("UTC"), 0));
        assertThrows(IllegalArgumentException.class, () -> new StationSpec("s1", "name", "gateway", 1883,
                Board.PI4, Fixtures.keys(), ZoneId.of("UTC"), 90));
        assertThrows(IllegalArgumentException.class, () -> Board.parse("pi3"));
    }
}
