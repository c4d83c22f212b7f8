package org.gridstation.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.Json;

/**
 * The append-only audit log: every sign-in and failed sign-in and every change made through the
 * API. Each entry carries the SHA-256 of its own fields and of the previous entry's hash, so an
 * entry changed, removed or inserted afterwards (say, by someone editing the database file) breaks
 * the chain at that point and {@link #verify()} names it. The store also refuses UPDATE and DELETE
 * on the table (triggers), so the gateway itself cannot rewrite history.
 */
public final class AuditLog {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** Longest text kept per field; longer is cut (an audit line is not a place for documents). */
    static final int MAX_FIELD = 500;

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends one entry in its own transaction and returns it. */
    public AuditEntry append(String actor, Optional<String> address, String action, Optional<String> target,
            Optional<String> detail) {
        return db.write(c -> append(c, actor, address, action, target, detail));
    }

    /** Appends one entry inside the caller's transaction (so the change and its record commit together). */
    public AuditEntry append(Connection c, String actor, Optional<String> address, String action,
            Optional<String> target, Optional<String> detail) throws SQLException {
        long seq = 1;
        String prev = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
        }
        Instant at = clock.instant();
        AuditEntry unsigned = new AuditEntry(seq, at, cut(actor), address.map(AuditLog::cut), cut(action),
                target.map(AuditLog::cut), detail.map(AuditLog::cut), prev, "");
        String hash = hashOf(unsigned);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log(seq, at, actor, address, action, target, detail, prev_hash, hash)
                VALUES (?,?,?,?,?,?,?,?,?)""")) {
            ps.setLong(1, seq);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, unsigned.actor());
            ps.setString(4, unsigned.address().orElse(null));
            ps.setString(5, unsigned.action());
            ps.setString(6, unsigned.target().orElse(null));
            ps.setString(7, unsigned.detail().orElse(null));
            ps.setString(8, prev);
            ps.setString(9, hash);
            ps.executeUpdate();
        }
        return new AuditEntry(seq, at, unsigned.actor(), unsigned.address(), unsigned.action(), unsigned.target(),
                unsigned.detail(), prev, hash);
    }

    /** What to list. Empty fields do not filter. */
    public record Query(Optional<String> actor, Optional<String> action, Optional<Instant> from,
            Optional<Instant> to, long afterSeq, int limit) {
    }

    /** Entries matching {@code q}, oldest first. */
    public List<AuditEntry> list(Query q) {
        StringBuilder sql = new StringBuilder(
                "SELECT seq, at, actor, address, action, target, detail, prev_hash, hash FROM audit_log WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        q.actor().ifPresent(a -> {
            sql.append(" AND actor = ?");
            args.add(a);
        });
        q.action().ifPresent(a -> {
            sql.append(" AND action LIKE ? ESCAPE '\\'");
            args.add("%" + a.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        q.from().ifPresent(f -> {
            sql.append(" AND at >= ?");
            args.add(f.toEpochMilli());
        });
        q.to().ifPresent(t -> {
            sql.append(" AND at < ?");
            args.add(t.toEpochMilli());
        });
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(q.limit());
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return read(ps);
            }
        });
    }

    /**
     * The result of checking the chain.
     *
     * @param intact every entry's hash matches its fields and its predecessor
     * @param entries how many entries were checked
     * @param brokenAt the first entry that does not match, if any
     * @param reason why it does not match
     */
    public record Verification(boolean intact, long entries, Optional<Long> brokenAt, Optional<String> reason) {
    }

    /** Walks the whole chain from the first entry. */
    public Verification verify() {
        return db.read(c -> {
            long count = 0;
            String prev = GENESIS;
            long expectedSeq = 1;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, at, actor, address, action, target, detail, prev_hash, hash FROM audit_log ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = entry(rs);
                    count++;
                    if (e.seq() != expectedSeq) {
                        return new Verification(false, count, Optional.of(e.seq()),
                                Optional.of("entry " + expectedSeq + " is missing"));
                    }
                    if (!e.prevHash().equals(prev)) {
                        return new Verification(false, count, Optional.of(e.seq()),
                                Optional.of("does not follow the entry before it"));
                    }
                    if (!hashOf(e).equals(e.hash())) {
                        return new Verification(false, count, Optional.of(e.seq()),
                                Optional.of("its content was changed after it was written"));
                    }
                    prev = e.hash();
                    expectedSeq++;
                }
            }
            return new Verification(true, count, Optional.empty(), Optional.empty());
        });
    }

    /** SHA-256 (hex) over the entry's fields (as a JSON array, so no two field lists collide) and its predecessor's hash. */
    static String hashOf(AuditEntry e) {
        Object[] fields = {e.seq(), e.at().toEpochMilli(), e.actor(), e.address().orElse(null), e.action(),
            e.target().orElse(null), e.detail().orElse(null), e.prevHash()};
        try {
            byte[] canonical = Json.mapper().writeValueAsBytes(Arrays.asList(fields));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static List<AuditEntry> read(PreparedStatement ps) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                Optional.ofNullable(rs.getString(4)), rs.getString(5), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), rs.getString(8), rs.getString(9));
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_FIELD ? clean : clean.substring(0, MAX_FIELD);
    }

}
