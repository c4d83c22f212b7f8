package org.gridstation.gateway.stats;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month cells {@code stats_months}: per month an incident was received (in the town's zone),
 * grid and category, the {@link Tally} of those incidents — counts, duration histograms, deadlines
 * met and missed, whistles — so a year's report adds up a few thousand cells instead of reading a
 * million incidents. Every change to an incident, its deadlines or its whistles marks its cell
 * dirty in the same transaction ({@link #touch}); a dirty cell is recomputed from the raw rows by
 * {@link MonthCellsRefresher} in the background, and meanwhile by any report that reads it, so a
 * report is never stale. A store of another zone, or one from before the cells, is rebuilt at
 * start ({@link #ensure}).
 */
public final class MonthCells {
    private static final Logger log = LoggerFactory.getLogger(MonthCells.class);
    static final String NAME = "stats_months";
    /** The grid key of incidents without a grid. */
    static final String NO_GRID = "";
    /** The department key of the cells of all incidents. */
    static final String ALL = "";
    private static final String MARK = "INSERT INTO stats_months(department_id, month, grid_id, category, dirty, tally)"
            + " VALUES (?,?,?,?,1,NULL) ON CONFLICT(department_id, month, grid_id, category) DO UPDATE SET dirty=1";

    private MonthCells() {
    }

    /** A cell's key: {@link #ALL} or a department, the month's first instant, a grid or {@link #NO_GRID}, a category. */
    record Key(String departmentId, long month, String gridId, String category) {
    }

    /** The first instant of the town's month that holds {@code millis}, in epoch ms. */
    static long monthOf(long millis, ZoneId zone) {
        return YearMonth.from(Instant.ofEpochMilli(millis).atZone(zone)).atDay(1).atStartOfDay(zone).toInstant()
                .toEpochMilli();
    }

    static long nextMonth(long month, ZoneId zone) {
        return YearMonth.from(Instant.ofEpochMilli(month).atZone(zone)).plusMonths(1).atDay(1).atStartOfDay(zone)
                .toInstant().toEpochMilli();
    }

    /** Marks the cell of an incident received at {@code createdAt} dirty; in the transaction that filed it. */
    public static void touch(Connection c, ZoneId zone, long createdAt, Optional<String> gridId, String category)
            throws SQLException {
        mark(c, new Key(ALL, monthOf(createdAt, zone), gridId.orElse(NO_GRID), category));
    }

    private static void mark(Connection c, Key k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setString(1, k.departmentId());
            ps.setLong(2, k.month());
            ps.setString(3, k.gridId());
            ps.setString(4, k.category());
            ps.executeUpdate();
        }
    }

    /**
     * Marks the cells of these incidents, and of the incidents they are merged into, dirty — the
     * cell of all incidents and the cell of each department whistled to; in the transaction that
     * changed them.
     */
    public static void touch(Connection c, ZoneId zone, String... incidentIds) throws SQLException {
        for (String id : incidentIds) {
            Optional<String> master = touchOne(c, zone, id);
            if (master.isPresent()) {
                touchOne(c, zone, master.get());
            }
        }
    }

    /** Marks one incident's cells dirty; returns the incident it is merged into, if any. */
    private static Optional<String> touchOne(Connection c, ZoneId zone, String id) throws SQLException {
        long month;
        String grid;
        String category;
        Optional<String> master;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT created_at, grid_id, category, duplicate_of FROM incidents WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                month = monthOf(rs.getLong(1), zone);
                grid = Optional.ofNullable(rs.getString(2)).orElse(NO_GRID);
                category = rs.getString(3);
                master = Optional.ofNullable(rs.getString(4));
            }
        }
        mark(c, new Key(ALL, month, grid, category));
        try (PreparedStatement ps = c.prepareStatement("SELECT department_id FROM whistles WHERE incident_id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mark(c, new Key(rs.getString(1), month, grid, category));
                }
            }
        }
        return master;
    }

    /**
     * Adds one cell to each of {@code into}: its stored tally, or, when it is dirty ({@code tally}
     * null) or unreadable, its tally computed now from the raw rows.
     */
    static void add(Connection c, ZoneId zone, Key k, byte[] tally, Tally... into) throws SQLException {
        if (tally != null) {
            try {
                Tally.addBytes(tally, into);
                return;
            } catch (IOException e) {
                log.warn("statistics cell {} unreadable, recomputed: {}", k, e.getMessage());
            }
        }
        try {
            Tally.addBytes(compute(c, zone, k).toBytes(), into);
        } catch (IOException e) {
            throw new IllegalStateException("a tally just written does not read back", e);
        }
    }

    private static Tally compute(Connection c, ZoneId zone, Key k) throws SQLException {
        return IncidentStats.cell(c, k.departmentId(), k.month(), nextMonth(k.month(), zone), k.gridId(), k.category());
    }

    /**
     * Recomputes up to {@code max} dirty cells from the raw rows, cell by cell (each reads only its
     * grid's month); returns how many.
     */
    public static int refreshDirty(Database db, ZoneId zone, int max) {
        return refresh(db, zone, max, false);
    }

    /**
     * Recomputes every dirty cell, a month's in one pass over all its incidents: for a store
     * whose cells are all dirty (the first build); too long a write for the running gateway.
     */
    public static void refreshDirtyByMonth(Database db, ZoneId zone) {
        while (refresh(db, zone, 5_000, true) > 0) {
            // one transaction per 5,000 cells
        }
    }

    private static int refresh(Database db, ZoneId zone, int max, boolean byMonth) {
        return db.write(c -> {
            Map<Long, List<Key>> dirty = new TreeMap<>();
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT department_id, month, grid_id, category"
                    + " FROM stats_months WHERE dirty = 1 ORDER BY month LIMIT ?")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Key k = new Key(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                        dirty.computeIfAbsent(k.month(), m -> new ArrayList<>()).add(k);
                        n++;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE stats_months SET dirty=0, tally=?"
                    + " WHERE department_id=? AND month=? AND grid_id=? AND category=?")) {
                for (Map.Entry<Long, List<Key>> month : dirty.entrySet()) {
                    Map<Key, Tally> bulk = byMonth
                            ? IncidentStats.monthCells(c, month.getKey(), nextMonth(month.getKey(), zone))
                            : Map.of();
                    for (Key k : month.getValue()) {
                        Tally t = byMonth ? bulk.getOrDefault(k, new Tally()) : compute(c, zone, k);
                        ps.setBytes(1, t.toBytes());
                        ps.setString(2, k.departmentId());
                        ps.setLong(3, k.month());
                        ps.setString(4, k.gridId());
                        ps.setString(5, k.category());
                        ps.executeUpdate();
                    }
                }
            }
            return n;
        });
    }

    /**
     * The clean cells whose stored tally differs from the one the raw rows give now, and how
     * many clean cells were compared (for the tests: a missed {@link #touch} shows here).
     */
    public static Check check(Connection c, ZoneId zone) throws SQLException {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT department_id, month, grid_id, category, tally"
                + " FROM stats_months WHERE dirty = 0 ORDER BY department_id, month, grid_id, category");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                compared++;
                Key k = new Key(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                if (!java.util.Arrays.equals(compute(c, zone, k).toBytes(), rs.getBytes(5))) {
                    differ.add(k.departmentId() + " " + Instant.ofEpochMilli(k.month()).atZone(zone).toLocalDate() + " "
                            + k.gridId() + " " + k.category());
                }
            }
        }
        return new Check(compared, differ);
    }

    /** What {@link #check} found. */
    public record Check(int compared, List<String> differ) {
    }

    /**
     * Builds the cells from the raw rows unless they were built for {@code zone}; at the gateway's
     * start, before it takes any event.
     */
    public static void ensure(Database db, ZoneId zone, Clock clock) {
        if (Rollups.builtFor(db, NAME, zone)) {
            return;
        }
        long t0 = System.nanoTime();
        int cells = db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM stats_months")) {
                del.executeUpdate();
            }
            int marked = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT '', grid_id, category, MIN(created_at), MAX(created_at)"
                    + " FROM incidents GROUP BY grid_id, category UNION ALL SELECT w.department_id, i.grid_id, i.category,"
                    + " MIN(i.created_at), MAX(i.created_at) FROM whistles w JOIN incidents i ON i.id = w.incident_id"
                    + " GROUP BY w.department_id, i.grid_id, i.category");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String grid = Optional.ofNullable(rs.getString(2)).orElse(NO_GRID);
                    long last = monthOf(rs.getLong(5), zone);
                    for (long m = monthOf(rs.getLong(4), zone); m <= last; m = nextMonth(m, zone)) {
                        mark(c, new Key(rs.getString(1), m, grid, rs.getString(3)));
                        marked++;
                    }
                }
            }
            Rollups.built(c, NAME, zone, clock.millis());
            return marked;
        });
        refreshDirtyByMonth(db, zone);
        log.info("statistics cells {} built for zone {}: {} cells in {} ms", NAME, zone, cells,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
