package org.gridstation.gateway.badge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.MutableClock;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.badge.BadgeCheck;
import org.gridstation.protocol.badge.BadgeVerifier;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.badge.RefusalReason;
import org.gridstation.protocol.downlink.PublicKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
    @TempDir
    Path dir;

    private static List<String> ids(PublicKeys keys) {
        return keys.keys().stream().map(PublicKeys.Key::keyId).toList();
    }

    private static BadgeCheck verify(Badges badges, String token, Instant at) {
        return BadgeVerifier.verify(token, KeyRing.of(badges.publicKeys()), badges.revocationList(), at);
    }

    @Test
    void afterRotation_oldBadgesStayValidUntilTheyExpire_thenTheOldKeyIsNoLongerPublished() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, ZoneId.of("Asia/Shanghai"), "青溪镇", clock);
            DemoTown.seed(town, 1);
            Badges badges = new Badges(db, town, dir.resolve("keys"), clock);
            String oldKey = badges.keyId();
            IssuedBadge old = badges.issue("qingxi-hexing-chief", Duration.ofDays(30));
            IssuedBadge oldRevoked = badges.issue("qingxi-hexing-instructor", Duration.ofDays(90));

            String newKey = badges.rotateKey();
            assertNotEquals(oldKey, newKey);
            assertTrue(newKey.compareTo(oldKey) > 0, "the newest key sorts last: " + oldKey + " < " + newKey);
            assertEquals(newKey, badges.keyId());
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("keys").resolve(newKey + ".key"))));
            IssuedBadge fresh = badges.issue("qingxi-hexing-a1-member", Duration.ofDays(365));
            assertEquals(newKey, fresh.claims().keyId());

            assertEquals(List.of(oldKey, newKey), ids(badges.publicKeys()));
            assertInstanceOf(BadgeCheck.Valid.class, verify(badges, old.token(), clock.instant()));
            assertInstanceOf(BadgeCheck.Valid.class, verify(badges, fresh.token(), clock.instant()));
            assertEquals(newKey, badges.current("qingxi-hexing-chief", Duration.ofDays(365)).claims().keyId(),
                    "a card printed now carries the new key");

            // the old key's other badge is revoked, and 31 days later its last valid one has expired
            badges.revoke(oldRevoked.claims().badgeId());
            clock.advance(Duration.ofDays(31));
            assertEquals(List.of(newKey), ids(badges.publicKeys()));
            assertEquals(RefusalReason.UNKNOWN_KEY, ((BadgeCheck.Refused) verify(badges, old.token(), clock.instant())).reason());
            assertInstanceOf(BadgeCheck.Valid.class, verify(badges, fresh.token(), clock.instant()));

            // a restart signs with the newest key; a second rotation the same day gets a suffix
            Badges restarted = new Badges(db, town, dir.resolve("keys"), clock);
            assertEquals(newKey, restarted.keyId());
            String third = restarted.rotateKey();
            assertTrue(third.compareTo(newKey) > 0, newKey + " < " + third);
            assertEquals(third, new Badges(db, town, dir.resolve("keys"), clock).keyId());
        }
    }
}
