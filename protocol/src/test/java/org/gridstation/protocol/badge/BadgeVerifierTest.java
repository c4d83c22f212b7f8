package org.gridstation.protocol.badge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadgeVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");

    private KeyPair town;
    private KeyRing ring;
    private BadgeClaims claims;

    @BeforeEach
    void setUp() throws NoSuchAlgorithmException {
        town = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ring = ringOf("k1", town);
        claims = new BadgeClaims("b-017-1", "p-017", "张伟", Role.GRID_MEMBER, "hexing-2", "k1",
                NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)));
    }

    private static KeyRing ringOf(String keyId, KeyPair pair) {
        return KeyRing.of(new PublicKeys(1, List.of(new PublicKeys.Key(keyId, "Ed25519",
                KeyRing.encode(pair.getPublic()), Instant.parse("2030-01-01T00:00:00Z"))), NOW));
    }

    private BadgeCheck verify(String token) {
        return BadgeVerifier.verify(token, ring, RevocationList.empty(), NOW);
    }

    private static RefusalReason reason(BadgeCheck check) {
        return assertInstanceOf(BadgeCheck.Refused.class, check).reason();
    }

    @Test
    void genuineBadge_isValid() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        assertTrue(token.startsWith("GS1:"));
        assertTrue(token.matches("GS1:[0-9A-Z $%*+\\-./:]+"), "fits the QR alphanumeric alphabet");
        assertEquals(claims, assertInstanceOf(BadgeCheck.Valid.class, verify(token)).claims());
    }

    @Test
    void scannerNoise_isTolerated() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        assertTrue(verify("  " + token + "\r\n").valid());
        assertTrue(verify(token.toLowerCase(java.util.Locale.ROOT)).valid(), "caps lock on the scanner");
    }

    @Test
    void forgedBadge_signedByAnotherKey_isRefused() throws NoSuchAlgorithmException {
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String forged = BadgeCodec.sign(claims, forger.getPrivate());
        assertEquals(RefusalReason.BAD_SIGNATURE, reason(verify(forged)));
    }

    @Test
    void alteredBadge_isRefused() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        BadgeClaims promoted = new BadgeClaims("b-017-1", "p-001", "张伟", Role.SUPERVISOR, "hexing-2", "k1",
                claims.issuedAt(), claims.expiresAt().plus(Duration.ofDays(3650)));
        String genuineOther = BadgeCodec.sign(promoted, town.getPrivate());
        // Splice the other claims onto this badge's signature.
        byte[] a = Base45.decode(token.substring(4));
        byte[] b = Base45.decode(genuineOther.substring(4));
        byte[] spliced = java.util.Arrays.copyOf(b, b.length);
        System.arraycopy(a, a.length - 64, spliced, spliced.length - 64, 64);
        assertEquals(RefusalReason.BAD_SIGNATURE, reason(verify("GS1:" + Base45.encode(spliced))));
        // Flip one bit inside the claims.
        a[10] ^= 0x01;
        BadgeCheck flipped = verify("GS1:" + Base45.encode(a));
        assertTrue(!flipped.valid());
    }

    @Test
    void expiredBadge_isRefused() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        BadgeCheck later = BadgeVerifier.verify(token, ring, RevocationList.empty(), claims.expiresAt());
        assertEquals(RefusalReason.EXPIRED, reason(later));
    }

    @Test
    void badgeOfAnExpiredKey_isRefused() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        KeyRing retired = KeyRing.of(new PublicKeys(1, List.of(new PublicKeys.Key("k1", "Ed25519",
                KeyRing.encode(town.getPublic()), NOW.minusSeconds(1))), NOW));
        assertEquals(RefusalReason.EXPIRED, reason(BadgeVerifier.verify(token, retired, RevocationList.empty(), NOW)));
    }

    @Test
    void revokedBadge_isRefused() {
        String token = BadgeCodec.sign(claims, town.getPrivate());
        RevocationList list = new RevocationList(1, 2, Set.of("b-017-1"), NOW);
        BadgeCheck check = BadgeVerifier.verify(token, ring, list, NOW);
        assertEquals(RefusalReason.REVOKED, reason(check));
        assertEquals("p-017", ((BadgeCheck.Refused) check).claims().orElseThrow().personId());
    }

    @Test
    void unknownKey_isRefused() {
        BadgeClaims otherKey = new BadgeClaims("b-017-1", "p-017", "张伟", Role.GRID_MEMBER, "hexing-2", "k9",
                claims.issuedAt(), claims.expiresAt());
        assertEquals(RefusalReason.UNKNOWN_KEY, reason(verify(BadgeCodec.sign(otherKey, town.getPrivate()))));
        assertEquals(RefusalReason.UNKNOWN_KEY,
                reason(BadgeVerifier.verify(BadgeCodec.sign(claims, town.getPrivate()), KeyRing.empty(),
                        RevocationList.empty(), NOW)));
    }

    @Test
    void rotatedKeys_bothVerify() throws NoSuchAlgorithmException {
        KeyPair next = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyRing both = KeyRing.of(new PublicKeys(1, List.of(
                new PublicKeys.Key("k1", "Ed25519", KeyRing.encode(town.getPublic()), Instant.parse("2030-01-01T00:00:00Z")),
                new PublicKeys.Key("k2", "Ed25519", KeyRing.encode(next.getPublic()), Instant.parse("2031-01-01T00:00:00Z"))),
                NOW));
        BadgeClaims newer = new BadgeClaims("b-017-2", "p-017", "张伟", Role.GRID_MEMBER, "hexing-2", "k2",
                NOW, NOW.plus(Duration.ofDays(365)));
        assertTrue(BadgeVerifier.verify(BadgeCodec.sign(claims, town.getPrivate()), both, RevocationList.empty(), NOW).valid());
        assertTrue(BadgeVerifier.verify(BadgeCodec.sign(newer, next.getPrivate()), both, RevocationList.empty(), NOW).valid());
    }

    @Test
    void garbage_isRefusedAsMalformed() {
        for (String junk : new String[] {"", "hello", "GS1:", "GS1:!!!", "https://example.com/x", "GS1:" + "A".repeat(5000),
                "GS1:" + Base45.encode(new byte[80]), "\u0000\u0001"}) {
            assertEquals(RefusalReason.MALFORMED, reason(verify(junk)), junk.length() > 20 ? junk.substring(0, 20) : junk);
        }
        assertEquals(RefusalReason.MALFORMED, reason(verify(null)));
    }
}
