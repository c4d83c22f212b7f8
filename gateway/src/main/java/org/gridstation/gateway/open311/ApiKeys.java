package org.gridstation.gateway.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.UnknownException;

/**
 * API keys of outside systems that file requests (Open311 clients). A key is shown once, when
 * created; the store keeps only its SHA-256, so a copied database gives no working key. A
 * revoked key stays listed, with when it was revoked, and is refused from then on.
 */
public final class ApiKeys {
    private static final String PREFIX = "gs311_";
    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A key as listed: never the key itself. */
    public record ApiKey(String id, String name, Instant createdAt, Optional<Instant> revokedAt) {
    }

    /** A key just created: the only time {@code key} is known. */
    public record Created(String id, String name, String key, Instant createdAt) {
    }

    public Created create(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("a key name of 1-100 characters is required");
        }
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = PREFIX + HexFormat.of().formatHex(secret);
        byte[] idBytes = new byte[5];
        random.nextBytes(idBytes);
        String id = "key-" + HexFormat.of().formatHex(idBytes);
        Instant now = clock.instant();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_keys(id, name, hash, created_at) VALUES (?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, name.strip());
                ps.setString(3, hash(key));
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return new Created(id, name.strip(), key, now);
    }

    public List<ApiKey> all() {
        return db.read(c -> {
            List<ApiKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long revoked = rs.getLong(4);
                    boolean isRevoked = !rs.wasNull();
                    out.add(new ApiKey(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            isRevoked ? Optional.of(Instant.ofEpochMilli(revoked)) : Optional.empty()));
                }
            }
            return out;
        });
    }

    /** Revokes the key; revoking a revoked key keeps the first time. */
    public ApiKey revoke(String id) {
        Instant now = clock.instant();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id=?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownException("api key", id);
                }
            }
            return null;
        });
        return all().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    /** The id of the active key {@code key}, if it is one. */
    public Optional<String> verify(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        String h = hash(key);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM api_keys WHERE hash=? AND revoked_at IS NULL")) {
                ps.setString(1, h);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
