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
    private static final String MARK = "INSERT INTO stats_months(month, grid_id, category, dirty, tally)"
            + " VALUES (?,?,?,1,NULL) ON CONFLICT(month, grid_id, category) DO UPDATE SET dirty=1";

    private MonthCells() {
    }

    /** A cell's key. */
    record Key(long month, String gridId, String category) {
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
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setLong(1, monthOf(createdAt, zone));
            ps.setString(2, gridId.orElse(NO_GRID));
            ps.setString(3, category);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the cells of these incidents, and of the incidents they are merged into, dirty; in the
     * transaction that changed them.
     */
    public static void touch(Connection c, ZoneId zone, String... incidentIds) throws SQLException {
        for (String id : incidentIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT i.created_at, i.grid_id, i.category, m.created_at,"
                    + " m.grid_id, m.category FROM incidents i LEFT JOIN incidents m ON m.id = i.duplicate_of WHERE i.id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    touch(c, zone, rs.getLong(1), Optional.ofNullable(rs.getString(2)), rs.getString(3));
                    long master = rs.getLong(4);
                    if (!rs.wasNull()) {
                        touch(c, zone, master, Optional.ofNullable(rs.getString(5)), rs.getString(6));
                    }
                }
            }
        }
    }

    /**
     * Adds one cell to each of {@code into}: its stored tally, or, when it is dirty ({@code tally}
     * null) or unreadable, its tally computed now from the raw rows.
     */
    static void add(Connection c, ZoneId zone, long month, String gridId, String category, byte[] tally, Tally... into)
            throws SQLException {
        if (tally != null) {
            try {
                Tally.addBytes(tally, into);
                return;
            } catch (IOException e) {
                log.warn("statistics cell {} {} {} unreadable, recomputed: {}", month, gridId, category, e.getMessage());
            }
        }
        try {
            Tally.addBytes(IncidentStats.cell(c, month, nextMonth(month, zone), gridId, category).toBytes(), into);
        } catch (IOException e) {
            throw new IllegalStateException("a tally just written does not read back", e);
        }
    }

    /** Recomputes up to {@code max} dirty cells from the raw rows; returns how many. */
    public static int refreshDirty(Database db, ZoneId zone, int max) {
        return db.write(c -> {
            List<Key> dirty = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT month, grid_id, category FROM stats_months WHERE dirty = 1 ORDER BY month LIMIT ?")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dirty.add(new Key(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE stats_months SET dirty=0, tally=? WHERE month=? AND grid_id=? AND category=?")) {
                for (Key k : dirty) {
                    ps.setBytes(1, IncidentStats.cell(c, k.month(), nextMonth(k.month(), zone), k.gridId(), k.category())
                            .toBytes());
                    ps.setLong(2, k.month());
                    ps.setString(3, k.gridId());
                    ps.setString(4, k.category());
                    ps.executeUpdate();
                }
            }
            return dirty.size();
        });
    }

    /**
     * The clean cells whose stored tally differs from the one the raw rows give now, and how
     * many clean cells were compared (for the tests: a missed {@link #touch} shows here).
     */
    public static Check check(Connection c, ZoneId zone) throws SQLException {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT month, grid_id, category, tally FROM stats_months WHERE dirty = 0 ORDER BY month, grid_id, category");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                compared++;
                long month = rs.getLong(1);
                byte[] raw = IncidentStats.cell(c, month, nextMonth(month, zone), rs.getString(2), rs.getString(3)).toBytes();
                if (!java.util.Arrays.equals(raw, rs.getBytes(4))) {
                    differ.add(Instant.ofEpochMilli(month).atZone(zone).toLocalDate() + " " + rs.getString(2) + " "
                            + rs.getString(3));
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
        boolean current = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT zone FROM stats_rollups WHERE name=?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1).equals(zone.getId());
                }
            }
        });
        if (current) {
            return;
        }
        long t0 = System.nanoTime();
        int cells = db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM stats_months")) {
                del.executeUpdate();
            }
            int marked = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT grid_id, category, MIN(created_at), MAX(created_at) FROM incidents GROUP BY grid_id, category");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<String> grid = Optional.ofNullable(rs.getString(1));
                    long last = monthOf(rs.getLong(4), zone);
                    for (long m = monthOf(rs.getLong(3), zone); m <= last; m = nextMonth(m, zone)) {
                        touch(c, zone, m, grid, rs.getString(2));
                        marked++;
                    }
                }
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM stats_rollups WHERE name=?")) {
                del.setString(1, NAME);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO stats_rollups(name, zone, built_at) VALUES (?,?,?)")) {
                ins.setString(1, NAME);
                ins.setString(2, zone.getId());
                ins.setLong(3, clock.millis());
                ins.executeUpdate();
            }
            return marked;
        });
        while (refreshDirty(db, zone, 200) > 0) {
            // one transaction per 200 cells
        }
        log.info("statistics cells {} built for zone {}: {} cells in {} ms", NAME, zone, cells,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
