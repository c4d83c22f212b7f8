package org.gridstation.gateway.roster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridstation.gateway.store.Database;

/** The attendance flags the live rules set: early, late, no-show, forgotten badge-out. */
public final class DutyFlags {
    private final Database db;

    public DutyFlags(Database db) {
        this.db = db;
    }

    /** Sets a flag; setting it again changes nothing. True if it is new. */
    boolean set(DutyFlag f) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO roster_flags(shift_id, person_id, flag, station_id, at) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, f.shiftId());
                ps.setString(2, f.personId());
                ps.setString(3, f.kind().wire());
                ps.setString(4, f.stationId());
                ps.setLong(5, f.at().toEpochMilli());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The flags of one shift. */
    public List<DutyFlag> ofShift(String shiftId) {
        return query("SELECT shift_id, person_id, station_id, flag, at FROM roster_flags WHERE shift_id=? ORDER BY person_id, flag",
                shiftId);
    }

    /** A person's flags, newest first. */
    public List<DutyFlag> ofPerson(String personId, int limit) {
        return query("SELECT shift_id, person_id, station_id, flag, at FROM roster_flags WHERE person_id=? ORDER BY at DESC LIMIT ?",
                personId, limit);
    }

    private List<DutyFlag> query(String sql, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<DutyFlag> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DutyFlag(rs.getString(1), rs.getString(2), rs.getString(3),
                                DutyFlag.Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT).replace('-', '_')),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
                return out;
            }
        });
    }
}
