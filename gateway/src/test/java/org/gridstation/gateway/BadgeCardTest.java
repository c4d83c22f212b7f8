package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.badge.IssuedBadge;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.badge.BadgeCheck;
import org.gridstation.protocol.badge.BadgeVerifier;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.badge.RefusalReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Badges without a broker: the store, the town and the signing key only. */
class BadgeCardTest {
    @TempDir
    Path dir;

    @Test
    void cardPng_isCr80AndItsQrDecodesToAVerifiableToken() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, java.time.ZoneId.of("Asia/Shanghai"), "青溪镇");
            DemoTown.seed(town, 1);
            Badges badges = new Badges(db, town, dir.resolve("keys"), Clock.systemUTC());
            IssuedBadge badge = badges.issue("qingxi-hexing-chief", Duration.ofDays(365));

            BufferedImage img = ImageIO.read(new ByteArrayInputStream(badges.cardPng(badge)));
            assertEquals(1011, img.getWidth());
            assertEquals(638, img.getHeight());
            String decoded = decode(img);
            assertEquals(badge.token(), decoded);

            KeyRing keys = KeyRing.of(badges.publicKeys());
            BadgeCheck ok = BadgeVerifier.verify(decoded, keys, badges.revocationList(), Instant.now());
            assertInstanceOf(BadgeCheck.Valid.class, ok);
            assertEquals("qingxi-hexing-chief", ((BadgeCheck.Valid) ok).claims().personId());

            badges.revoke(badge.claims().badgeId());
            BadgeCheck revoked = BadgeVerifier.verify(decoded, keys, badges.revocationList(), Instant.now());
            assertEquals(RefusalReason.REVOKED, ((BadgeCheck.Refused) revoked).reason());
        }
    }

    @Test
    void printingACardAgain_givesTheSameBadge_untilItIsRevoked() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, java.time.ZoneId.of("Asia/Shanghai"), "青溪镇");
            DemoTown.seed(town, 1);
            Badges badges = new Badges(db, town, dir.resolve("keys"), Clock.systemUTC());
            IssuedBadge first = badges.current("qingxi-hexing-chief", Duration.ofDays(365));
            IssuedBadge again = badges.current("qingxi-hexing-chief", Duration.ofDays(365));
            assertEquals(first.token(), again.token(), "no second valid badge is put into circulation");

            badges.revoke(first.claims().badgeId());
            IssuedBadge replacement = badges.current("qingxi-hexing-chief", Duration.ofDays(365));
            assertNotEquals(first.claims().badgeId(), replacement.claims().badgeId());
            assertInstanceOf(BadgeCheck.Valid.class, BadgeVerifier.verify(replacement.token(),
                    KeyRing.of(badges.publicKeys()), badges.revocationList(), Instant.now()));
        }
    }

    @Test
    void writeCards_writesOnePngPerPerson() throws Exception {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, java.time.ZoneId.of("Asia/Shanghai"), "青溪镇");
            DemoTown.seed(town, 2);
            Badges badges = new Badges(db, town, dir.resolve("keys"), Clock.systemUTC());
            Path out = badges.writeCards(dir.resolve("badges"));
            try (var files = Files.list(out)) {
                assertEquals(town.people().size(), files.filter(f -> f.toString().endsWith(".png")).count());
            }
            String token = Files.readString(out.resolve("qingxi-hexing-chief.token")).strip();
            assertInstanceOf(BadgeCheck.Valid.class,
                    BadgeVerifier.verify(token, KeyRing.of(badges.publicKeys()), badges.revocationList(), Instant.now()));
        }
    }

    /**
     * The card's QR code as ZXing reads it: its local-contrast binarizer first and then its global
     * one, as the kiosk's decoder does (the first alone misses about one card in a hundred).
     */
    private static String decode(BufferedImage img) throws com.google.zxing.NotFoundException {
        var source = new BufferedImageLuminanceSource(img);
        for (com.google.zxing.Binarizer b : java.util.List.of(new HybridBinarizer(source),
                new com.google.zxing.common.GlobalHistogramBinarizer(source))) {
            try {
                return new MultiFormatReader().decode(new BinaryBitmap(b), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                        .getText();
            } catch (com.google.zxing.NotFoundException e) {
                // the other binarizer
            }
        }
        throw com.google.zxing.NotFoundException.getNotFoundInstance();
    }
}
