package org.gridstation.firmware.mosquitto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MosquittoPasswordTest {
    /** Made by Mosquitto 2.0.11: {@code mosquitto_passwd -b pw kiosk-a secret}. */
    private static final String FROM_MOSQUITTO_PASSWD = "kiosk-a:$7$101$YKE0OiJ8AQRIb+O/$x6Up02qh2J2G/8PZQwYQ60z4NgzExVv7"
            + "jOKk7oLue6iZV0rsSQN3Xfim4jfJseOSeANy+OWbIrSpnRp2k2f2BA==";

    @Test
    void sameSaltAndPassword_giveExactlyTheLineMosquittoPasswdWrote() {
        byte[] salt = Base64.getDecoder().decode("YKE0OiJ8AQRIb+O/");

        assertEquals(FROM_MOSQUITTO_PASSWD, MosquittoPassword.line("kiosk-a", "secret", salt, 101));
    }

    @Test
    void freshLine_hasMosquittos2Shape() {
        String line = MosquittoPassword.line("kiosk-s1", "pw", new Random(1));
        String[] parts = line.split("\\$");

        assertTrue(line.startsWith("kiosk-s1:$7$101$"), line);
        assertEquals(12, Base64.getDecoder().decode(parts[3]).length);
        assertEquals(64, Base64.getDecoder().decode(parts[4]).length);
    }

    @Test
    void userNameWithColonOrNewline_andEmptyPassword_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> MosquittoPassword.line("a:b", "pw", new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> MosquittoPassword.line("a\nb", "pw", new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> MosquittoPassword.line("a", "", new Random(1)));
    }
}
