package org.gridstation.protocol.badge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vectors from RFC 9285, section 4.3. */
class Base45Test {

    @Test
    void rfcVectors() {
        assertEquals("BB8", Base45.encode("AB".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("%69 VD92EX0", Base45.encode("Hello!!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("UJCLQE7W581", Base45.encode("base-45".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("ietf!", new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII));
    }

    @Test
    void roundTripsRandomBytes() {
        Random r = new Random(42);
        for (int n = 0; n < 200; n++) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            assertArrayEquals(b, Base45.decode(Base45.encode(b)));
        }
    }

    @Test
    void rejectsInvalidText() {
        assertThrows(IllegalArgumentException.class, () -> Base45.decode("GGW"));
        assertThrows(IllegalArgumentException.class, () -> Base45.decode("ZZZZ"));
        assertThrows(IllegalArgumentException.class, () -> Base45.decode("ab"));
        assertThrows(IllegalArgumentException.class, () -> Base45.decode("中文"));
    }
}
