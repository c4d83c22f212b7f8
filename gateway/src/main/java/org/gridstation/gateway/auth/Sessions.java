package org.gridstation.gateway.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gridstation.gateway.store.Database;

/**
 * Server-side sessions. The cookie holds a random token; the store keeps only its SHA-256, so a
 * copied database opens no session. A session ends after {@link #IDLE} without a request, after
 * {@link #ABSOLUTE} in any case, at sign-out, and when its account's password changes or the
 * account is disabled.
 */
public final class Sessions {
    /** Idle timeout. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** Absolute timeout: a wall screen signs in again every morning. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** A session's last-seen time is written at most this often (one write per request would be wasteful). */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final Clock clock;
    private final Accounts accounts;

    public Sessions(Database db, Clock clock, Accounts accounts) {
        this.db = db;
        this.clock = clock;
        this.accounts = accounts;
    }

    /** A session just opened: the only time {@code token} is known. */
    public record Opened(String token, String csrf, Instant expiresAt) {
    }

    /** A live session. */
    public record Live(Principal principal, String csrf, Instant createdAt, Instant expiresAt) {
    }

    public Opened open(String accountId) {
        String token = Secrets.random(32);
        String csrf = Secrets.random(24);
        Instant now = clock.instant();
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sessions WHERE last_seen_at < ?")) {
                del.setLong(1, now.minus(IDLE).toEpochMilli()); // tidy: expired sessions of everyone
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions(token_hash, account_id, csrf, created_at, last_seen_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, Secrets.sha256(token));
                ps.setString(2, accountId);
                ps.setString(3, csrf);
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return new Opened(token, csrf, now.plus(ABSOLUTE));
    }

    /** The live session of {@code token}, touching its last-seen time; empty if unknown or expired. */
    public Optional<Live> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        record Row(String accountId, String csrf, long created, long lastSeen) {
        }
        Optional<Row> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_id, csrf, created_at, last_seen_at FROM sessions WHERE token_hash=?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                            : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant created = Instant.ofEpochMilli(row.get().created());
        Instant lastSeen = Instant.ofEpochMilli(row.get().lastSeen());
        if (now.isAfter(lastSeen.plus(IDLE)) || now.isAfter(created.plus(ABSOLUTE))) {
            end(token);
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(row.get().accountId()).filter(a -> a.disabledAt().isEmpty());
        if (account.isEmpty()) {
            end(token);
            return Optional.empty();
        }
        if (Duration.between(lastSeen, now).compareTo(TOUCH_EVERY) > 0) {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET last_seen_at=? WHERE token_hash=?")) {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
                return null;
            });
        }
        return Optional.of(new Live(account.get().principal(), row.get().csrf(), created, created.plus(ABSOLUTE)));
    }

    /** Ends one session (sign-out). */
    public void end(String token) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE token_hash=?")) {
                ps.setString(1, Secrets.sha256(token));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Ends every session of an account, but {@code keepToken}'s if given. */
    public void endAll(String accountId, Optional<String> keepToken) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sessions WHERE account_id=? AND token_hash <> ?")) {
                ps.setString(1, accountId);
                ps.setString(2, keepToken.map(Secrets::sha256).orElse(""));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
