package org.gridstation.gateway.points;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.Ids;
import org.gridstation.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The points ledger (积分台账): append-only, one entry per person, rule and reference at most (so a
 * rule run twice books once), a reason on every entry. Amounts are kept in hundredths.
 */
public final class Points {
    private static final Logger log = LoggerFactory.getLogger(Points.class);
    private static final String RULES_KEY = "points.rules";
    private static final String COLUMNS = "id, person_id, rule, centi, reason, ref, at, month";

    private final Database db;
    private final Town town;
    private final Clock clock;

    public Points(Database db, Town town, Clock clock) {
        this.db = db;
        this.town = town;
        this.clock = clock;
    }

    // ---- rules ------------------------------------------------------------------------------

    /** The rules in force: as last set, or the defaults. */
    public PointRules rules() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key=?")) {
                ps.setString(1, RULES_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return PointRules.defaults();
                    }
                    return Json.mapper().readValue(rs.getString(1), PointRules.class);
                } catch (JsonProcessingException e) {
                    throw new SQLException("bad points rules in settings", e);
                }
            }
        });
    }

    /** Sets the rules for entries booked from now on (earlier entries stay as booked). */
    public PointRules setRules(PointRules rules) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")) {
                ps.setString(1, RULES_KEY);
                ps.setString(2, Json.writeString(rules));
                ps.executeUpdate();
            }
            return null;
        });
        return rules;
    }

    // ---- booking ----------------------------------------------------------------------------

    /**
     * Books the fixed-amount rule {@code rule} (e.g. {@code incident-handled}) for {@code personId}
     * with {@code reason}, once per {@code ref}; returns the entry, or empty if {@code ref} was
     * already booked for that person and rule.
     */
    public Optional<LedgerEntry> award(String personId, String rule, String reason, String ref) {
        Double amount = rules().awards().get(rule);
        if (amount == null) {
            throw new IllegalArgumentException("unknown points rule '" + rule + "'");
        }
        Instant now = clock.instant();
        return book(personId, rule, centi(amount), reason, ref, now, YearMonth.from(now.atZone(town.zone())));
    }

    /** Books {@code centi} hundredths of a point; empty if already booked for that person, rule and ref. */
    public Optional<LedgerEntry> book(String personId, String rule, long centi, String reason, String ref, Instant at,
            YearMonth month) {
        Ids.require(personId, "personId");
        Ids.require(rule, "rule");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("reason is required, at most 200 characters");
        }
        if (ref == null || ref.isBlank() || ref.length() > 100) {
            throw new IllegalArgumentException("ref is required, at most 100 characters");
        }
        town.person(personId).orElseThrow(() -> new UnknownException("person", personId));
        Optional<Long> id = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO points_ledger(person_id, rule, centi, reason, ref, at, month) VALUES (?,?,?,?,?,?,?)
                    ON CONFLICT(person_id, rule, ref) DO NOTHING RETURNING id""")) {
                ps.setString(1, personId);
                ps.setString(2, rule);
                ps.setLong(3, centi);
                ps.setString(4, reason);
                ps.setString(5, ref);
                ps.setLong(6, at.toEpochMilli());
                ps.setString(7, month.toString());
                try (ResultSet keys = ps.executeQuery()) { // no row where the entry existed
                    return keys.next() ? Optional.of(keys.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
        id.ifPresent(i -> log.debug("points entry {} booked: rule {} ref {}", i, rule, ref));
        return id.flatMap(i -> query("SELECT " + COLUMNS + " FROM points_ledger WHERE id=?", i).stream().findFirst());
    }

    /**
     * Hundredths of a point for being on duty during {@code intervals} (already cut to the shift)
     * under {@code rules}: hours × per-hour, night hours × the multiplier.
     */
    public static long dutyCenti(List<Instant[]> intervals, PointRules rules, ZoneId zone) {
        double hours = 0;
        for (Instant[] iv : intervals) {
            long total = Duration.between(iv[0], iv[1]).toMillis();
            long night = nightMillis(iv[0], iv[1], rules, zone);
            hours += (total - night) / 3_600_000.0 + night / 3_600_000.0 * rules.nightMultiplier();
        }
        return Math.round(hours * rules.perDutyHour() * 100);
    }

    /** Milliseconds of {@code [from, to)} that fall in the night window of any day. */
    static long nightMillis(Instant from, Instant to, PointRules rules, ZoneId zone) {
        long sum = 0;
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        boolean overnight = !rules.nightEnd().isAfter(rules.nightStart());
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant ns = d.atTime(rules.nightStart()).atZone(zone).toInstant();
            Instant ne = (overnight ? d.plusDays(1) : d).atTime(rules.nightEnd()).atZone(zone).toInstant();
            Instant a = from.isAfter(ns) ? from : ns;
            Instant b = to.isBefore(ne) ? to : ne;
            if (b.isAfter(a)) {
                sum += Duration.between(a, b).toMillis();
            }
        }
        return sum;
    }

    static long centi(double points) {
        return Math.round(points * 100);
    }

    static BigDecimal points(long centi) {
        return BigDecimal.valueOf(centi, 2).setScale(2, RoundingMode.UNNECESSARY);
    }

    // ---- reading ----------------------------------------------------------------------------

    /** A person's entries, newest first. */
    public List<LedgerEntry> entries(String personId, int limit) {
        return query("SELECT " + COLUMNS + " FROM points_ledger WHERE person_id=? ORDER BY id DESC LIMIT ?", personId, limit);
    }

    /** Every entry counting for {@code month}, oldest first. */
    public List<LedgerEntry> month(YearMonth month) {
        return query("SELECT " + COLUMNS + " FROM points_ledger WHERE month=? ORDER BY id", month.toString());
    }

    /** A person's total, all months. */
    public BigDecimal balance(String personId) {
        return points(db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(centi),0) FROM points_ledger WHERE person_id=?")) {
                ps.setString(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    private List<LedgerEntry> query(String sql, Object... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return rows(c, ps);
            }
        });
    }

    private static List<LedgerEntry> rows(Connection c, PreparedStatement ps) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), points(rs.getLong(4)), rs.getString(5),
                        rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
            }
        }
        return out;
    }
}
