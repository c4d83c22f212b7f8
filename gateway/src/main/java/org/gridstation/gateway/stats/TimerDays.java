package org.gridstation.gateway.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridstation.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollup {@code stats_timer_days}: the deadlines to accept, be on site and resolve that were
 * met or missed (fired), summed per day the incident was received (in the town's zone), grid,
 * category and rung, not counting merged duplicates — exactly what the statistics' compliance
 * figures add up, so a year's report reads a few thousand rows instead of joining every
 * incident's deadlines. Each change that can move these sums (a deadline met or fired, an
 * incident merged) recomputes its incident's day, grid and category from the raw rows in the same
 * transaction ({@link #refresh}); a store of another zone, or one from before the rollup, is
 * rebuilt at start ({@link #ensure}).
 */
public final class TimerDays {
    private static final Logger log = LoggerFactory.getLogger(TimerDays.class);
    static final String NAME = "stats_timer_days";
    /** The grid key of incidents without a grid. */
    static final String NO_GRID = "";
    private static final String COUNTED = "t.stage IN ('accept', 'on-site', 'resolve')"
            + " AND (t.met_at IS NOT NULL OR t.fired_at IS NOT NULL) AND i.duplicate_of IS NULL";
    private static final String SUMS = "SUM(CASE WHEN t.met_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN t.fired_at IS NOT NULL THEN 1 ELSE 0 END)";

    private TimerDays() {
    }

    /** One row of the rollup. */
    public record Row(long day, String gridId, String category, String level, int met, int missed) {
    }

    /** The first instant of the town's day that holds {@code millis}, in epoch ms. */
    static long dayOf(long millis, ZoneId zone) {
        LocalDate d = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /**
     * Recomputes the rollup rows of each incident's day, grid and category from the raw rows.
     * Call inside the transaction that changed a deadline or a duplicate mark of those incidents.
     */
    public static void refresh(Connection c, ZoneId zone, String... incidentIds) throws SQLException {
        for (String id : incidentIds) {
            long created;
            String grid;
            String category;
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, grid_id, category FROM incidents WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    created = rs.getLong(1);
                    grid = rs.getString(2);
                    category = rs.getString(3);
                }
            }
            long day = dayOf(created, zone);
            long next = LocalDate.ofInstant(Instant.ofEpochMilli(day), zone).plusDays(1).atStartOfDay(zone).toInstant()
                    .toEpochMilli();
            String gridKey = grid == null ? NO_GRID : grid;
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM stats_timer_days WHERE day=? AND grid_id=? AND category=?")) {
                ps.setLong(1, day);
                ps.setString(2, gridKey);
                ps.setString(3, category);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats_timer_days(day, grid_id, category, level, met,"
                    + " missed) SELECT ?, ?, ?, t.level, " + SUMS + " FROM incidents i JOIN incident_timers t"
                    + " ON t.incident_id = i.id WHERE " + COUNTED + " AND i.created_at >= ? AND i.created_at < ?"
                    + " AND i.category = ? AND " + (grid == null ? "i.grid_id IS NULL" : "i.grid_id = ?")
                    + " GROUP BY t.level")) {
                ps.setLong(1, day);
                ps.setString(2, gridKey);
                ps.setString(3, category);
                ps.setLong(4, day);
                ps.setLong(5, next);
                ps.setString(6, category);
                if (grid != null) {
                    ps.setString(7, grid);
                }
                ps.executeUpdate();
            }
        }
    }

    /** The rollup computed from the raw rows, in key order (for {@link #ensure} and the tests). */
    public static List<Row> fromRaw(Connection c, ZoneId zone) throws SQLException {
        Map<List<Object>, int[]> sums = new TreeMap<>((a, b) -> {
            int d = Long.compare((Long) a.get(0), (Long) b.get(0));
            for (int k = 1; d == 0 && k < 4; k++) {
                d = ((String) a.get(k)).compareTo((String) b.get(k));
            }
            return d;
        });
        try (PreparedStatement ps = c.prepareStatement("SELECT i.created_at, i.grid_id, i.category, t.level, "
                + SUMS + " FROM incidents i JOIN incident_timers t ON t.incident_id = i.id WHERE " + COUNTED
                + " GROUP BY i.created_at, i.grid_id, i.category, t.level");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String grid = rs.getString(2);
                int[] s = sums.computeIfAbsent(List.of(dayOf(rs.getLong(1), zone), grid == null ? NO_GRID : grid,
                        rs.getString(3), rs.getString(4)), k -> new int[2]);
                s[0] += rs.getInt(5);
                s[1] += rs.getInt(6);
            }
        }
        List<Row> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new Row((Long) k.get(0), (String) k.get(1), (String) k.get(2), (String) k.get(3),
                s[0], s[1])));
        return out;
    }

    /** The rollup as stored, in key order. */
    public static List<Row> stored(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT day, grid_id, category, level, met, missed"
                + " FROM stats_timer_days ORDER BY day, grid_id, category, level");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6)));
            }
        }
        return out;
    }

    /** Builds the rollup from the raw rows unless it was built for {@code zone}; at the gateway's start. */
    public static void ensure(Database db, ZoneId zone, Clock clock) {
        if (Rollups.builtFor(db, NAME, zone)) {
            return;
        }
        long t0 = System.nanoTime();
        int rows = db.write(c -> {
            List<Row> raw = fromRaw(c, zone);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM stats_timer_days")) {
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO stats_timer_days(day, grid_id, category, level, met, missed) VALUES (?,?,?,?,?,?)")) {
                for (Row r : raw) {
                    ins.setLong(1, r.day());
                    ins.setString(2, r.gridId());
                    ins.setString(3, r.category());
                    ins.setString(4, r.level());
                    ins.setInt(5, r.met());
                    ins.setInt(6, r.missed());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            Rollups.built(c, NAME, zone, clock.millis());
            return raw.size();
        });
        log.info("statistics rollup {} built for zone {}: {} rows in {} ms", NAME, zone, rows,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
