package org.gridstation.gateway.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert store. Every alert has a dedupe key (e.g. {@code unstaffed:{shiftId}}): raising it
 * again changes nothing, so the rules may run twice (after a restart) without raising twice.
 */
public final class Alerts {
    /** Most alerts one listing returns. */
    public static final int MAX_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final String COLUMNS = "id, kind, station_id, grid_id, person_id, shift_id, message, raised_at, cleared_at";

    private final Database db;
    private final Clock clock;

    public Alerts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What to raise. */
    public record Raise(AlertKind kind, String dedupe, Optional<String> stationId, Optional<String> gridId,
            Optional<String> personId, Optional<String> shiftId, String message) {
    }

    /** Raises the alert unless one with its dedupe key exists; returns it if it is new. */
    public Optional<Alert> raise(Raise r) {
        Instant now = clock.instant();
        Optional<Long> id = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO alerts(kind, station_id, grid_id, person_id, shift_id, message, dedupe, raised_at)
                    VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(dedupe) DO NOTHING RETURNING id""")) {
                ps.setString(1, r.kind().wire());
                ps.setString(2, r.stationId().orElse(null));
                ps.setString(3, r.gridId().orElse(null));
                ps.setString(4, r.personId().orElse(null));
                ps.setString(5, r.shiftId().orElse(null));
                ps.setString(6, r.message());
                ps.setString(7, r.dedupe());
                ps.setLong(8, now.toEpochMilli());
                try (ResultSet keys = ps.executeQuery()) { // no row where the alert existed
                    return keys.next() ? Optional.of(keys.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
        id.ifPresent(i -> log.info("alert {} raised: {} at {}", i, r.kind().wire(), r.stationId().orElse("-")));
        return id.flatMap(this::get);
    }

    /** Clears the open alert with {@code dedupe}; true if one was open. */
    public boolean clear(String dedupe) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET cleared_at=? WHERE dedupe=? AND cleared_at IS NULL")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, dedupe);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Clears the open alert {@code id} (someone dealt with it); true if it was open. */
    public boolean clear(long id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET cleared_at=? WHERE id=? AND cleared_at IS NULL")) {
                ps.setLong(1, clock.millis());
                ps.setLong(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** True if an alert with {@code dedupe} is open. */
    public boolean isOpen(String dedupe) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE dedupe=? AND cleared_at IS NULL")) {
                ps.setString(1, dedupe);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The dedupe keys of the open alerts of {@code kind}. */
    public List<String> openKeys(AlertKind kind) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT dedupe FROM alerts WHERE kind=? AND cleared_at IS NULL")) {
                ps.setString(1, kind.wire());
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    public Optional<Alert> get(long id) {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM alerts WHERE id=?", id)).stream().findFirst();
    }

    /** Newest first; open ones only if {@code openOnly}; optionally of one station or kind. */
    public List<Alert> list(boolean openOnly, Optional<String> stationId, Optional<AlertKind> kind, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (openOnly) {
            sql.append(" AND cleared_at IS NULL");
        }
        stationId.ifPresent(s -> {
            sql.append(" AND station_id=?");
            args.add(s);
        });
        kind.ifPresent(k -> {
            sql.append(" AND kind=?");
            args.add(k.wire());
        });
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return db.read(c -> query(c, sql.toString(), args.toArray()));
    }

    private static List<Alert> query(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long cleared = rs.getLong(9);
                    Optional<Instant> clearedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(cleared));
                    out.add(new Alert(rs.getLong(1), AlertKind.of(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)),
                            Optional.ofNullable(rs.getString(6)), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), clearedAt));
                }
            }
            return out;
        }
    }
}
