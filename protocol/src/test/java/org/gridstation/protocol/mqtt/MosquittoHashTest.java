package org.gridstation.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoHashTest {
    /** Made by Mosquitto 2.0.11: {@code mosquitto_passwd -b pw kiosk-a secret}. */
    private static final String FROM_MOSQUITTO_PASSWD = "$7$101$YKE0OiJ8AQRIb+O/$x6Up02qh2J2G/8PZQwYQ60z4NgzExVv7"
            + "jOKk7oLue6iZV0rsSQN3Xfim4jfJseOSeANy+OWbIrSpnRp2k2f2BA==";
    private static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

    @TempDir
    Path dir;

    @Test
    void sameSaltAndPassword_giveExactlyWhatMosquittoPasswdWrote() {
        byte[] salt = Base64.getDecoder().decode("YKE0OiJ8AQRIb+O/");

        assertEquals(FROM_MOSQUITTO_PASSWD, MosquittoHash.hash("secret", salt, 101));
        assertTrue(MosquittoHash.verify("secret", FROM_MOSQUITTO_PASSWD));
        assertFalse(MosquittoHash.verify("Secret", FROM_MOSQUITTO_PASSWD));
    }

    @Test
    void aFreshHash_verifiesItsPasswordOnly_andHasMosquittosShape() {
        String hash = MosquittoHash.hash("pw-一二三");

        assertTrue(MosquittoHash.isWellFormed(hash), hash);
        assertTrue(hash.startsWith("$7$101$"), hash);
        assertTrue(MosquittoHash.verify("pw-一二三", hash));
        assertFalse(MosquittoHash.verify("pw", hash));
        assertFalse(MosquittoHash.verify("", hash));
        assertFalse(MosquittoHash.verify("pw", "not a hash"));
        assertFalse(MosquittoHash.verify("pw", "$6$abc$def"));
        assertFalse(MosquittoHash.verify("pw", "$7$x$YKE0$abc"));
    }

    /** The real tool, where installed: a line it writes now verifies here. Skipped with the reason where it is not. */
    @Test
    void aHashMosquittoPasswdWritesNow_verifies() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(MOSQUITTO_PASSWD)), MOSQUITTO_PASSWD + " is not installed");
        Path file = dir.resolve("passwd");
        Process p = new ProcessBuilder(MOSQUITTO_PASSWD, "-c", "-b", file.toString(), "kiosk-b", "pässwörd-1")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        String hash = line.substring(line.indexOf(':') + 1);

        assertTrue(MosquittoHash.verify("pässwörd-1", hash), line);
        assertFalse(MosquittoHash.verify("passwort-1", hash));
    }
}
