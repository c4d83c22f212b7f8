package org.gridstation.gateway.badge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.Dialect;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Person;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.badge.BadgeClaims;
import org.gridstation.protocol.badge.BadgeCodec;
import org.gridstation.protocol.badge.KeyRing;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, revokes and prints badges, signed with the town's key. Revoking re-publishes the
 * retained revocation list with a higher version (through the change hook).
 */
public final class Badges {
    /** The longest a badge may be valid. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(3 * 366);
    private static final Logger log = LoggerFactory.getLogger(Badges.class);
    private static final String VERSION_KEY = "revocations.version";
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Database db;
    private final Town town;
    private final Path keysDir;
    private volatile SigningKey key;
    private final boolean shared;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final BadgeCard card = new BadgeCard();
    private volatile Runnable onRevocation = () -> { };

    /** Loads the signing key from {@code keysDir}, creating it on first start. */
    public Badges(Database db, Town town, Path keysDir, Clock clock) {
        this.db = db;
        this.town = town;
        this.clock = clock;
        this.keysDir = keysDir;
        this.shared = db.dialect() == Dialect.POSTGRESQL;
        if (shared) {
            StoredKeys.sync(db, keysDir);
        }
        SigningKey k = SigningKey.loadOrCreate(keysDir, town.zone());
        if (shared) {
            // another instance may have stored its first key under the same id before ours: the stored one signs
            StoredKeys.sync(db, keysDir);
            k = SigningKey.loadOrCreate(keysDir, town.zone());
        }
        this.key = k;
    }

    /**
     * Of several instances on one store: takes up a key another instance rotated to. Called before
     * the public keys are published, so every instance publishes the same ones.
     */
    private void followSharedKeys() {
        if (shared) {
            synchronized (this) {
                if (StoredKeys.sync(db, keysDir)) {
                    key = SigningKey.loadOrCreate(keysDir, town.zone());
                    log.info("badge signing key {} signs: keys taken up from another gateway instance", key.keyId);
                }
            }
        }
    }

    /** Called after every revocation; the gateway wires it to the downlink publisher. */
    public void onRevocation(Runnable hook) {
        this.onRevocation = hook;
    }

    /** The id of the key that signs new badges. */
    public String keyId() {
        return key.keyId;
    }

    /** Issues a new badge for {@code personId}, valid from now for {@code validity}. */
    public IssuedBadge issue(String personId, Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be positive and at most " + MAX_VALIDITY.toDays() + " days");
        }
        Person p = town.person(personId).orElseThrow(() -> new UnknownException("person", personId));
        SigningKey key = this.key;
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        if (expires.isAfter(key.notAfter)) {
            expires = key.notAfter;
        }
        BadgeClaims claims = new BadgeClaims(newBadgeId(), p.id(), p.name(), p.role(), p.gridId(), key.keyId, now, expires);
        String token = BadgeCodec.sign(claims, key.privateKey);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO badges(badge_id, person_id, key_id, issued_at, expires_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, claims.badgeId());
                ps.setString(2, claims.personId());
                ps.setString(3, claims.keyId());
                ps.setLong(4, claims.issuedAt().toEpochMilli());
                ps.setLong(5, claims.expiresAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        log.info("badge {} issued with key {}", claims.badgeId(), key.keyId);
        return new IssuedBadge(token, claims);
    }

    /**
     * The person's current badge: their newest unrevoked, unexpired badge of the signing key in
     * use, re-signed from the stored badge (Ed25519 is deterministic, so an unchanged person gets
     * the identical token and card); a new badge valid for {@code validity} only if there is none.
     * Printing a card again therefore does not put another valid badge into circulation.
     */
    public IssuedBadge current(String personId, Duration validity) {
        Person p = town.person(personId).orElseThrow(() -> new UnknownException("person", personId));
        SigningKey key = this.key;
        Optional<BadgeClaims> existing = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT badge_id, issued_at, expires_at FROM badges
                    WHERE person_id=? AND key_id=? AND revoked_at IS NULL AND expires_at > ?
                    ORDER BY issued_at DESC LIMIT 1""")) {
                ps.setString(1, personId);
                ps.setString(2, key.keyId);
                ps.setLong(3, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new BadgeClaims(rs.getString(1), p.id(), p.name(), p.role(), p.gridId(), key.keyId,
                                    Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))))
                            : Optional.<BadgeClaims>empty();
                }
            }
        });
        return existing.map(claims -> new IssuedBadge(BadgeCodec.sign(claims, key.privateKey), claims))
                .orElseGet(() -> issue(personId, validity));
    }

    /** Revokes a badge; true if it was not revoked before. */
    public boolean revoke(String badgeId) {
        boolean changed = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE badges SET revoked_at=? WHERE badge_id=? AND revoked_at IS NULL")) {
                ps.setLong(1, clock.instant().toEpochMilli());
                ps.setString(2, badgeId);
                if (ps.executeUpdate() == 0) {
                    if (!exists(c, badgeId)) {
                        throw new UnknownException("badge", badgeId);
                    }
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO settings(key, value) VALUES (?, '1')
                    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)""")) {
                ps.setString(1, VERSION_KEY);
                ps.executeUpdate();
            }
            return true;
        });
        if (changed) {
            log.info("badge {} revoked", badgeId);
            onRevocation.run();
        }
        return changed;
    }

    private static boolean exists(java.sql.Connection c, String badgeId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM badges WHERE badge_id=?")) {
            ps.setString(1, badgeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Starts signing with a new key (e.g. when the old one may have leaked, or yearly). Badges
     * already issued stay valid: the old public key is still published until the last of its
     * unrevoked badges expires. Re-publishes the keys through the change hook.
     */
    public synchronized String rotateKey() {
        followSharedKeys();
        SigningKey next = SigningKey.rotate(keysDir, town.zone(), LocalDate.now(clock.withZone(town.zone())));
        if (shared) {
            StoredKeys.sync(db, keysDir);
            next = SigningKey.loadOrCreate(keysDir, town.zone()); // another instance may have rotated at the same moment
        }
        String old = key.keyId;
        key = next;
        log.info("badge signing key rotated from {} to {}", old, next.keyId);
        onRevocation.run();
        return next.keyId;
    }

    /**
     * The public keys kiosks should trust: the signing key, and every older key that still has an
     * unrevoked, unexpired badge.
     */
    public PublicKeys publicKeys() {
        followSharedKeys();
        SigningKey k = key;
        Instant now = clock.instant();
        java.util.Set<String> inUse = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT key_id FROM badges WHERE revoked_at IS NULL AND expires_at > ?")) {
                ps.setLong(1, now.toEpochMilli());
                java.util.Set<String> ids = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
        List<PublicKeys.Key> keys = new java.util.ArrayList<>();
        SigningKey.publicKeys(keysDir).forEach((id, pub) -> {
            if (!id.equals(k.keyId) && inUse.contains(id)) {
                keys.add(new PublicKeys.Key(id, "Ed25519", KeyRing.encode(pub), SigningKey.notAfter(id, town.zone())));
            }
        });
        keys.add(new PublicKeys.Key(k.keyId, "Ed25519", KeyRing.encode(k.publicKey), k.notAfter));
        return new PublicKeys(Schema.VERSION, keys, now);
    }

    /** The revoked badges, with a version that rises with every revocation. */
    public RevocationList revocationList() {
        return db.read(c -> {
            long version = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key=?")) {
                ps.setString(1, VERSION_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        version = Long.parseLong(rs.getString(1));
                    }
                }
            }
            TreeSet<String> ids = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT badge_id FROM badges WHERE revoked_at IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return new RevocationList(Schema.VERSION, version, ids, clock.instant());
        });
    }

    /** The badge as a printable CR80 card image (PNG, 1011 × 638 px). */
    public byte[] cardPng(IssuedBadge badge) {
        BadgeClaims c = badge.claims();
        String gridName = town.gridChain(c.gridId()).stream().skip(1).map(Grid::name)
                .reduce((a, b) -> a + " · " + b).orElseGet(() -> town.grid(c.gridId()).map(Grid::name).orElse(c.gridId()));
        return card.render(c, badge.token(), c.role().zh(), gridName, town.name(), town.zone());
    }

    /**
     * Writes every person's current badge (issuing a one-year badge to those with none) as
     * {@code {personId}.png} and its token as {@code {personId}.token} into {@code dir}.
     */
    public Path writeCards(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Person p : town.people()) {
                IssuedBadge badge = current(p.id(), Duration.ofDays(365));
                Files.write(dir.resolve(p.id() + ".png"), cardPng(badge));
                Files.writeString(dir.resolve(p.id() + ".token"), badge.token() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write badge cards to " + dir, e);
        }
        return dir;
    }

    /** The badge's person, if it exists. */
    public Optional<String> holder(String badgeId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT person_id FROM badges WHERE badge_id=?")) {
                ps.setString(1, badgeId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private String newBadgeId() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "b" + new String(id);
    }
}
