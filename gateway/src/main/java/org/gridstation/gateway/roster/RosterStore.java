package org.gridstation.gateway.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Shift;
import org.gridstation.protocol.Json;

/** The roster plan in the store: templates, rotations, overrides, leave, swaps, generated shifts. */
public final class RosterStore {
    private static final TypeReference<List<List<String>>> TURNS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };
    private static final String TEMPLATE_COLUMNS =
            "id, station_id, label, start_time, end_time, required, weekdays, valid_from, valid_until";
    private static final String SWAP_COLUMNS = "id, shift_id, from_person, to_person, return_shift_id, status, note, "
            + "offered_at, taken_at, decided_at, decided_by";

    private final Database db;

    public RosterStore(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    // ---- templates --------------------------------------------------------------------------

    void putTemplate(ShiftTemplate t) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster_templates(" + TEMPLATE_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET station_id=excluded.station_id, "
                    + "label=excluded.label, start_time=excluded.start_time, end_time=excluded.end_time, "
                    + "required=excluded.required, weekdays=excluded.weekdays, valid_from=excluded.valid_from, "
                    + "valid_until=excluded.valid_until")) {
                ps.setString(1, t.id());
                ps.setString(2, t.stationId());
                ps.setString(3, t.label());
                ps.setString(4, t.start().toString());
                ps.setString(5, t.end().toString());
                ps.setInt(6, t.required());
                ps.setString(7, weekdays(t.weekdays()));
                ps.setString(8, t.validFrom().toString());
                ps.setString(9, t.validUntil().map(LocalDate::toString).orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
    }

    boolean deleteTemplate(String id) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM roster_templates WHERE id=?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public List<ShiftTemplate> templates() {
        return db.read(c -> templates(c, "SELECT " + TEMPLATE_COLUMNS + " FROM roster_templates ORDER BY station_id, start_time, id"));
    }

    public Optional<ShiftTemplate> template(String id) {
        return db.read(c -> templates(c, "SELECT " + TEMPLATE_COLUMNS + " FROM roster_templates WHERE id=?", id))
                .stream().findFirst();
    }

    private static List<ShiftTemplate> templates(Connection c, String sql, String... args) throws SQLException {
        List<ShiftTemplate> out = new ArrayList<>();
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ShiftTemplate(rs.getString(1), rs.getString(2), rs.getString(3), LocalTime.parse(rs.getString(4)),
                        LocalTime.parse(rs.getString(5)), rs.getInt(6), weekdays(rs.getString(7)),
                        LocalDate.parse(rs.getString(8)), Optional.ofNullable(rs.getString(9)).map(LocalDate::parse)));
            }
        }
        return out;
    }

    static String weekdays(Set<DayOfWeek> days) {
        StringBuilder b = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (days.contains(d)) {
                b.append(d.getValue());
            }
        }
        return b.toString();
    }

    static Set<DayOfWeek> weekdays(String s) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (char ch : s.toCharArray()) {
            days.add(DayOfWeek.of(ch - '0'));
        }
        return days;
    }

    // ---- rotations --------------------------------------------------------------------------

    void putRotation(Rotation r) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO roster_rotations(template_id, anchor, turn_days, turns) VALUES (?,?,?,?)
                    ON CONFLICT(template_id) DO UPDATE SET anchor=excluded.anchor, turn_days=excluded.turn_days,
                    turns=excluded.turns""")) {
                ps.setString(1, r.templateId());
                ps.setString(2, r.anchor().toString());
                ps.setInt(3, r.turnDays());
                ps.setString(4, Json.writeString(r.turns()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Rotation> rotation(String templateId) {
        return db.read(c -> {
            try (PreparedStatement ps = bind(c, "SELECT template_id, anchor, turn_days, turns FROM roster_rotations WHERE template_id=?",
                    templateId); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Rotation(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getInt(3),
                        json(rs.getString(4), TURNS))) : Optional.<Rotation>empty();
            }
        });
    }

    // ---- overrides --------------------------------------------------------------------------

    void putOverride(DayOverride o) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO roster_overrides(template_id, local_date, cancelled, required, add_people, remove_people, note)
                    VALUES (?,?,?,?,?,?,?) ON CONFLICT(template_id, local_date) DO UPDATE SET cancelled=excluded.cancelled,
                    required=excluded.required, add_people=excluded.add_people, remove_people=excluded.remove_people,
                    note=excluded.note""")) {
                ps.setString(1, o.templateId());
                ps.setString(2, o.date().toString());
                ps.setInt(3, o.cancelled() ? 1 : 0);
                if (o.required().isPresent()) {
                    ps.setInt(4, o.required().get());
                } else {
                    ps.setNull(4, Types.INTEGER);
                }
                ps.setString(5, Json.writeString(o.add()));
                ps.setString(6, Json.writeString(o.remove()));
                ps.setString(7, o.note().orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
    }

    boolean deleteOverride(String templateId, LocalDate date) {
        return db.write(c -> {
            try (PreparedStatement ps = bind(c, "DELETE FROM roster_overrides WHERE template_id=? AND local_date=?",
                    templateId, date.toString())) {
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<DayOverride> override(String templateId, LocalDate date) {
        return db.read(c -> {
            try (PreparedStatement ps = bind(c, "SELECT template_id, local_date, cancelled, required, add_people, remove_people, "
                    + "note FROM roster_overrides WHERE template_id=? AND local_date=?", templateId, date.toString());
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<DayOverride>empty();
                }
                int req = rs.getInt(4);
                Optional<Integer> required = rs.wasNull() ? Optional.empty() : Optional.of(req);
                return Optional.of(new DayOverride(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getBoolean(3), required,
                        json(rs.getString(5), IDS), json(rs.getString(6), IDS), Optional.ofNullable(rs.getString(7))));
            }
        });
    }

    // ---- leave ------------------------------------------------------------------------------

    void putLeave(Leave l, Instant now) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO roster_leave(id, person_id, from_date, to_date, reason, created_at) VALUES (?,?,?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET person_id=excluded.person_id, from_date=excluded.from_date,
                    to_date=excluded.to_date, reason=excluded.reason""")) {
                ps.setString(1, l.id());
                ps.setString(2, l.personId());
                ps.setString(3, l.from().toString());
                ps.setString(4, l.to().toString());
                ps.setString(5, l.reason().orElse(null));
                ps.setLong(6, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<Leave> deleteLeave(String id) {
        Optional<Leave> l = leave(id);
        l.ifPresent(x -> db.write(c -> {
            try (PreparedStatement ps = bind(c, "DELETE FROM roster_leave WHERE id=?", id)) {
                return ps.executeUpdate();
            }
        }));
        return l;
    }

    public Optional<Leave> leave(String id) {
        return db.read(c -> leaves(c, "SELECT id, person_id, from_date, to_date, reason FROM roster_leave WHERE id=?", id))
                .stream().findFirst();
    }

    /** Leave overlapping {@code [from, to]}. */
    public List<Leave> leaveBetween(LocalDate from, LocalDate to) {
        return db.read(c -> leaves(c, "SELECT id, person_id, from_date, to_date, reason FROM roster_leave "
                + "WHERE from_date <= ? AND to_date >= ? ORDER BY from_date, id", to.toString(), from.toString()));
    }

    private static List<Leave> leaves(Connection c, String sql, String... args) throws SQLException {
        List<Leave> out = new ArrayList<>();
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Leave(rs.getString(1), rs.getString(2), LocalDate.parse(rs.getString(3)),
                        LocalDate.parse(rs.getString(4)), Optional.ofNullable(rs.getString(5))));
            }
        }
        return out;
    }

    // ---- swaps ------------------------------------------------------------------------------

    void putSwap(Swap s) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roster_swaps(" + SWAP_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET to_person=excluded.to_person, "
                    + "return_shift_id=excluded.return_shift_id, status=excluded.status, taken_at=excluded.taken_at, "
                    + "decided_at=excluded.decided_at, decided_by=excluded.decided_by")) {
                ps.setString(1, s.id());
                ps.setString(2, s.shiftId());
                ps.setString(3, s.fromPerson());
                ps.setString(4, s.toPerson().orElse(null));
                ps.setString(5, s.returnShiftId().orElse(null));
                ps.setString(6, s.status().wire());
                ps.setString(7, s.note().orElse(null));
                ps.setLong(8, s.offeredAt().toEpochMilli());
                setInstant(ps, 9, s.takenAt());
                setInstant(ps, 10, s.decidedAt());
                ps.setString(11, s.decidedBy().orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Swap> swap(String id) {
        return db.read(c -> swaps(c, "SELECT " + SWAP_COLUMNS + " FROM roster_swaps WHERE id=?", id)).stream().findFirst();
    }

    /** Swaps, newest first; only open ones if {@code openOnly}. */
    public List<Swap> swaps(boolean openOnly) {
        return db.read(c -> swaps(c, "SELECT " + SWAP_COLUMNS + " FROM roster_swaps"
                + (openOnly ? " WHERE status IN ('offered','taken')" : "") + " ORDER BY offered_at DESC, id LIMIT 1000"));
    }

    /** Approved swaps touching {@code shiftId} (as the offered or the returned shift). */
    List<Swap> approvedFor(String shiftId) {
        return db.read(c -> swaps(c, "SELECT " + SWAP_COLUMNS + " FROM roster_swaps WHERE status='approved' "
                + "AND (shift_id=? OR return_shift_id=?) ORDER BY decided_at, id", shiftId, shiftId));
    }

    private static List<Swap> swaps(Connection c, String sql, String... args) throws SQLException {
        List<Swap> out = new ArrayList<>();
        try (PreparedStatement ps = bind(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Swap(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)), Swap.Status.of(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                        Instant.ofEpochMilli(rs.getLong(8)), instant(rs, 9), instant(rs, 10), Optional.ofNullable(rs.getString(11))));
            }
        }
        return out;
    }

    // ---- generated shifts -------------------------------------------------------------------

    /** The ids of the shifts generated for {@code templateId} on dates in {@code [from, to]}. */
    List<String> generated(String templateId, LocalDate from, LocalDate to) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = bind(c, "SELECT shift_id FROM roster_generated WHERE template_id=? AND local_date BETWEEN ? AND ?",
                    templateId, from.toString(), to.toString()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The template a shift was generated from, if it was. */
    public Optional<String> templateOf(String shiftId) {
        return db.read(c -> {
            try (PreparedStatement ps = bind(c, "SELECT template_id FROM roster_generated WHERE shift_id=?", shiftId);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** The last date anything was generated for, if anything was. */
    Optional<LocalDate> lastGenerated() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(local_date) FROM roster_generated");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).map(LocalDate::parse) : Optional.<LocalDate>empty();
            }
        });
    }

    void markGenerated(List<String[]> added, List<String> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM roster_generated WHERE shift_id=?")) {
                for (String id : removed) {
                    del.setString(1, id);
                    del.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO roster_generated(shift_id, template_id, local_date) VALUES (?,?,?)"
                    + " ON CONFLICT(shift_id) DO UPDATE SET template_id = excluded.template_id, local_date = excluded.local_date")) {
                for (String[] a : added) {
                    ps.setString(1, a[0]);
                    ps.setString(2, a[1]);
                    ps.setString(3, a[2]);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    // ---- bulk reads for generation ----------------------------------------------------------

    /** Every stored shift starting in {@code [from, to]}, by id (volunteers sorted by id). */
    Map<String, Shift> shiftsBetween(LocalDate from, LocalDate to) {
        return db.read(c -> {
            Map<String, Shift> out = new HashMap<>();
            Map<String, List<String>> people = new HashMap<>();
            try (PreparedStatement ps = bind(c, """
                    SELECT v.shift_id, v.person_id FROM shift_volunteers v JOIN shifts s ON s.id = v.shift_id
                    WHERE s.local_date BETWEEN ? AND ? ORDER BY v.person_id""", from.toString(), to.toString());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (PreparedStatement ps = bind(c, "SELECT id, station_id, label, local_date, start_utc, end_utc, required FROM shifts "
                    + "WHERE local_date BETWEEN ? AND ?", from.toString(), to.toString()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Shift(rs.getString(1), rs.getString(2), rs.getString(3),
                            LocalDate.parse(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                            rs.getInt(7), people.getOrDefault(rs.getString(1), List.of())));
                }
            }
            return out;
        });
    }

    /** Every override of a date in {@code [from, to]}, keyed {@code templateId/date}. */
    Map<String, DayOverride> overridesBetween(LocalDate from, LocalDate to) {
        return db.read(c -> {
            Map<String, DayOverride> out = new HashMap<>();
            try (PreparedStatement ps = bind(c, "SELECT template_id, local_date, cancelled, required, add_people, remove_people, "
                    + "note FROM roster_overrides WHERE local_date BETWEEN ? AND ?", from.toString(), to.toString());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int req = rs.getInt(4);
                    Optional<Integer> required = rs.wasNull() ? Optional.empty() : Optional.of(req);
                    DayOverride o = new DayOverride(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getBoolean(3), required,
                            json(rs.getString(5), IDS), json(rs.getString(6), IDS), Optional.ofNullable(rs.getString(7)));
                    out.put(o.templateId() + "/" + o.date(), o);
                }
            }
            return out;
        });
    }

    /** Every approved swap, oldest decision first. */
    List<Swap> approved() {
        return db.read(c -> swaps(c, "SELECT " + SWAP_COLUMNS + " FROM roster_swaps WHERE status='approved' ORDER BY decided_at, id"));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static PreparedStatement bind(Connection c, String sql, String... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setString(i + 1, args[i]);
        }
        return ps;
    }

    private static void setInstant(PreparedStatement ps, int i, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            ps.setLong(i, at.get().toEpochMilli());
        } else {
            ps.setNull(i, Types.INTEGER);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static <T> T json(String s, TypeReference<T> type) throws SQLException {
        try {
            return Json.mapper().readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("bad JSON in the roster plan", e);
        }
    }
}
