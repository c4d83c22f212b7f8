package org.gridstation.gateway.incident;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Severity;

/** Reads incidents. */
public final class Incidents {
    private static final String COLUMNS =
            "id, station_id, grid_id, category, severity, status, phone, note, anonymous, created_at, reported_at";
    private final Database db;

    public Incidents(Database db) {
        this.db = db;
    }

    public Optional<Incident> get(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first, optionally only one station's and/or one status, at most {@code limit}. */
    public List<Incident> list(Optional<String> stationId, Optional<IncidentStatus> status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE 1=1");
        stationId.ifPresent(s -> sql.append(" AND station_id=?"));
        status.ifPresent(s -> sql.append(" AND status=?"));
        sql.append(" ORDER BY created_at DESC, id LIMIT ?");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (stationId.isPresent()) {
                    ps.setString(i++, stationId.get());
                }
                if (status.isPresent()) {
                    ps.setString(i++, status.get().wire());
                }
                ps.setInt(i, limit);
                List<Incident> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Incidents at {@code stationId} not yet resolved or closed. */
    public int openCount(String stationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM incidents WHERE station_id=? AND status NOT IN ('resolved','closed')")) {
                ps.setString(1, stationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    private static Incident row(ResultSet rs) throws SQLException {
        return new Incident(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                Category.of(rs.getString(4)), Severity.of(rs.getString(5)), IncidentStatus.of(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), rs.getBoolean(9),
                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)));
    }
}
