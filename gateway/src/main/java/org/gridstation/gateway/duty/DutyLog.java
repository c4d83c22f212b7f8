package org.gridstation.gateway.duty;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;

/** Reads duty sessions. */
public final class DutyLog {
    private static final String COLUMNS = "station_id, person_id, badge_id, shift_id, scheduled, in_at, out_at";
    private final Database db;

    public DutyLog(Database db) {
        this.db = db;
    }

    /** Who is on duty at {@code stationId} now, earliest check-in first. */
    public List<DutySession> onDuty(String stationId) {
        return query("SELECT " + COLUMNS + " FROM duty_sessions WHERE station_id=? AND out_at IS NULL ORDER BY in_at",
                stationId);
    }

    /** Everyone on duty anywhere now, by station then check-in. */
    public List<DutySession> onDutyEverywhere() {
        return query("SELECT " + COLUMNS + " FROM duty_sessions WHERE out_at IS NULL ORDER BY station_id, in_at, person_id");
    }

    /** Sessions at {@code stationId} that overlap {@code [from, to)}. */
    public List<DutySession> overlapping(String stationId, Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM duty_sessions WHERE station_id=? AND in_at < ? "
                + "AND (out_at IS NULL OR out_at > ?) ORDER BY in_at", stationId, to.toEpochMilli(), from.toEpochMilli());
    }

    private List<DutySession> query(String sql, Object... params) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<DutySession> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static DutySession row(ResultSet rs) throws SQLException {
        long out = rs.getLong(7);
        Optional<Instant> outAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(out));
        return new DutySession(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6)), outAt);
    }
}
