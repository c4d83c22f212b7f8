package org.gridstation.kiosk.badge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.kiosk.store.KioskDatabase;

/**
 * Who is on duty here, in the kiosk database. The methods taking a {@link Connection} run inside
 * the caller's transaction, so the state changes together with its check-in or check-out event.
 */
public final class DutyLedger {
    private final KioskDatabase db;

    public DutyLedger(KioskDatabase db) {
        this.db = db;
    }

    /** Everyone on duty now, earliest first. */
    public List<OnDuty> onDuty() {
        return db.read(DutyLedger::list);
    }

    static Optional<OnDuty> find(Connection c, String personId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT person_id, badge_id, name, shift_id, scheduled, since_ms FROM on_duty WHERE person_id = ?")) {
            q.setString(1, personId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    static void checkIn(Connection c, OnDuty duty) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT OR REPLACE INTO on_duty(person_id, badge_id, name, shift_id, scheduled, since_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, duty.personId());
            ins.setString(2, duty.badgeId());
            ins.setString(3, duty.name());
            ins.setString(4, duty.shiftId().orElse(null));
            ins.setInt(5, duty.scheduled() ? 1 : 0);
            ins.setLong(6, duty.since().toEpochMilli());
            ins.executeUpdate();
        }
    }

    static void checkOut(Connection c, String personId) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM on_duty WHERE person_id = ?")) {
            del.setString(1, personId);
            del.executeUpdate();
        }
    }

    private static List<OnDuty> list(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT person_id, badge_id, name, shift_id, scheduled, since_ms FROM on_duty ORDER BY since_ms, person_id");
             ResultSet rs = q.executeQuery()) {
            List<OnDuty> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    private static OnDuty row(ResultSet rs) throws SQLException {
        return new OnDuty(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                rs.getInt(5) == 1, Instant.ofEpochMilli(rs.getLong(6)));
    }
}
