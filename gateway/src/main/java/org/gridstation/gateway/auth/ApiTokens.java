package org.gridstation.gateway.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.UnknownException;

/**
 * API tokens for machines (a metrics scraper, a script, a wall screen): sent as
 * {@code Authorization: Bearer gst_…}, with a role and scope like an account's. Shown once when
 * created; the store keeps only the SHA-256. A token carries no cookie, so it needs no CSRF token.
 */
public final class ApiTokens {
    private static final String PREFIX = "gst_";
    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A token as listed: never the token itself. */
    public record Token(String id, String name, Role role, Optional<String> gridId, Optional<String> departmentId,
            Instant createdAt, String createdBy, Optional<Instant> revokedAt) {
    }

    /** A token just created: the only time {@code token} is known. */
    public record Created(String id, String name, Role role, String token) {
    }

    public Created create(String name, Accounts.Draft scope, String createdBy) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("a token name of 1-100 characters is required");
        }
        String token = PREFIX + Secrets.random(30);
        String id = "tok-" + Secrets.sha256(token).substring(0, 10);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens(id, name, role, grid_id,"
                    + " department_id, hash, created_at, created_by) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, name.strip());
                ps.setString(3, scope.role().wire());
                ps.setString(4, scope.gridId().orElse(null));
                ps.setString(5, scope.departmentId().orElse(null));
                ps.setString(6, Secrets.sha256(token));
                ps.setLong(7, clock.millis());
                ps.setString(8, createdBy);
                ps.executeUpdate();
            }
            return null;
        });
        return new Created(id, name.strip(), scope.role(), token);
    }

    public List<Token> all() {
        return db.read(c -> {
            List<Token> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role, grid_id, department_id, created_at,"
                    + " created_by, revoked_at FROM api_tokens ORDER BY created_at, id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return out;
        });
    }

    public Token revoke(String id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id=?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownException("api token", id);
                }
            }
            return null;
        });
        return all().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** Who {@code token} acts as, if it is an active token. */
    public Optional<Principal> verify(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role, grid_id, department_id, created_at,"
                    + " created_by, revoked_at FROM api_tokens WHERE hash=? AND revoked_at IS NULL")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Principal>empty();
                    }
                    Token t = token(rs);
                    return Optional.of(new Principal("token:" + t.id(), t.name(), t.role(), t.gridId(), t.departmentId(),
                            false));
                }
            }
        });
    }

    private static Token token(ResultSet rs) throws SQLException {
        long revoked = rs.getLong(8);
        boolean isRevoked = !rs.wasNull();
        return new Token(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)).orElse(Role.VIEWER),
                Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
                isRevoked ? Optional.of(Instant.ofEpochMilli(revoked)) : Optional.empty());
    }
}
