package org.gridstation.gateway.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.ticket.LadderLevel;

/**
 * Computes a {@link StatsReport} from the store. The whole months of the period come from the
 * month cells ({@link MonthCells}: each month's tally per grid and category, a few thousand for a
 * year); the days before and after them, a department's incidents and a report filtered by
 * department come from the raw rows — the incidents (the covering index {@code incidents_stats}),
 * their deadlines summed per day ({@link TimerDays}), their whistles — tallied in memory.
 */
public final class IncidentStats {
    /** The group key of incidents whose station's grid is unknown. */
    public static final String NO_GRID = "-";

    private final Database db;
    private final Town town;
    private final Clock clock;

    public IncidentStats(Database db, Town town, Clock clock) {
        this.db = db;
        this.town = town;
        this.clock = clock;
    }

    /** An incident as the statistics need it; times in epoch milliseconds. */
    record Row(String id, Optional<String> gridId, Category category, long createdAt, LadderLevel level,
            boolean resolved, Optional<Long> acceptedAt, Optional<Long> resolvedAt, Optional<Rating> rating,
            boolean duplicate) {
    }

    /**
     * Deadlines met and missed at one rung, summed in the store over the incidents sharing a
     * grid, category and month (or, grouping by department, over each department's incidents).
     */
    record Timers(Optional<String> gridId, Category category, int month, Optional<String> departmentId,
            LadderLevel level, int met, int missed) {
    }

    /** One whistle. */
    record WhistleRow(String incidentId, String departmentId, long dueAt, Optional<Long> reportedAt,
            Optional<Integer> score) {
    }

    public StatsReport report(StatsQuery q, String lang) {
        ZoneId zone = town.zone();
        Instant now = clock.instant();
        q.gridId().ifPresent(g -> town.grid(g).orElseThrow(() -> new UnknownException("grid", g)));
        long from = q.from().atStartOfDay(zone).toInstant().toEpochMilli();
        long to = q.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        List<YearMonth> months = months(q);
        Map<String, String> departmentNames = new HashMap<>();
        Tally total = new Tally();
        Grouping grouping = new Grouping(q, lang, zone, town.grids(), departmentNames); // names read below
        Map<String, Tally> groups = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM departments");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    departmentNames.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, Tally> out = new TreeMap<>(grouping.order());
            Sources sources = new Sources(q, zone, months, grouping);
            Optional<long[]> cells = wholeMonths(q, zone, now);
            long cellsFrom = cells.map(m -> m[0]).orElse(to);
            long cellsTo = cells.map(m -> m[1]).orElse(to);
            if (q.departmentId().isPresent()) {
                // one department's incidents: its own cells, and the raw rows of the days around them
                sources.raw(c, from, cellsFrom, total, out, false);
                sources.cells(c, cellsFrom, cellsTo, q.departmentId().get(), total, out);
                sources.raw(c, cellsTo, to, total, out, false);
                return out;
            }
            Map<String, Tally> byGroup = q.by() == GroupBy.DEPARTMENT ? null : out;
            sources.raw(c, from, cellsFrom, total, byGroup, false);
            sources.cells(c, cellsFrom, cellsTo, MonthCells.ALL, total, byGroup);
            sources.raw(c, cellsTo, to, total, byGroup, false);
            if (q.by() == GroupBy.DEPARTMENT) {
                // a department's group: its cells, and the incidents whistled to it on the days around them
                sources.raw(c, from, cellsFrom, null, out, true);
                sources.cells(c, cellsFrom, cellsTo, null, null, out);
                sources.raw(c, cellsTo, to, null, out, true);
            }
            return out;
        });
        List<StatsReport.Group> out = new ArrayList<>();
        groups.forEach((k, t) -> out.add(new StatsReport.Group(k, grouping.label(k), t.figures(lang, departmentNames, now))));
        return new StatsReport(q.from().toString(), q.to().toString(), q.by().wire(), q.gridId(),
                q.category().map(Category::wire), q.departmentId(), zone.getId(), now,
                total.figures(lang, departmentNames, now), out);
    }

    /**
     * The whole months of the period whose cells hold exactly its incidents, as [first instant,
     * end) in epoch ms: a month the period starts at or before and ends at or after (or ends
     * today or later: no incident of the month is received after now).
     */
    static Optional<long[]> wholeMonths(StatsQuery q, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        YearMonth first = YearMonth.from(q.from());
        if (!q.from().equals(first.atDay(1))) {
            first = first.plusMonths(1);
        }
        YearMonth last = YearMonth.from(q.to());
        if (q.to().isBefore(last.atEndOfMonth()) && q.to().isBefore(today)) {
            last = last.minusMonths(1);
        }
        if (first.isAfter(last)) {
            return Optional.empty();
        }
        return Optional.of(new long[] {first.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli(),
            last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli()});
    }

    /**
     * One month cell's tally, computed from the raw rows ({@link MonthCells} stores it): the
     * incidents of a grid and category received in [month, next), all of them ({@link
     * MonthCells#ALL}) or those whistled to one department, with only that department's whistles.
     */
    static Tally cell(Connection c, String departmentId, long month, long next, String gridKey, String category)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(month, next, category));
        String where = "i.created_at >= ? AND i.created_at < ? AND i.category = ? AND ";
        if (MonthCells.NO_GRID.equals(gridKey)) {
            where += "i.grid_id IS NULL";
        } else {
            where += "i.grid_id = ?";
            args.add(gridKey);
        }
        if (!MonthCells.ALL.equals(departmentId)) {
            where += " AND EXISTS (SELECT 1 FROM whistles w0 WHERE w0.incident_id = i.id AND w0.department_id = ?)";
            args.add(departmentId);
        }
        Filter f = new Filter(where, args);
        Tally t = new Tally();
        List<Row> rows = new ArrayList<>();
        readRows(c, f, rows);
        rows.forEach(t::incident);
        try (PreparedStatement ps = prepare(c, "SELECT t.level, " + TIMER_SUMS + " FROM incidents i JOIN incident_timers t"
                + " ON t.incident_id = i.id WHERE" + COUNTED_TIMERS + f.where() + " GROUP BY t.level", f);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                t.timers(timers(rs.getString(1), rs.getInt(2), rs.getInt(3)));
            }
        }
        List<WhistleRow> whistles = new ArrayList<>();
        readWhistles(c, f, whistles);
        whistles.stream().filter(w -> MonthCells.ALL.equals(departmentId) || w.departmentId().equals(departmentId))
                .forEach(t::whistle);
        return t;
    }

    /**
     * Every cell of the month [month, next) in one pass over its incidents: what {@link #cell}
     * gives for each, for the first build of a store's cells.
     */
    static Map<MonthCells.Key, Tally> monthCells(Connection c, long month, long next) throws SQLException {
        Filter f = new Filter("i.created_at >= ? AND i.created_at < ?", List.of(month, next));
        Map<MonthCells.Key, Tally> out = new HashMap<>();
        java.util.function.BiFunction<String, String[], Tally> cellOf = (dept, gridAndCategory) -> out.computeIfAbsent(
                new MonthCells.Key(dept, month, gridAndCategory[0], gridAndCategory[1]), k -> new Tally());
        Map<String, List<String>> departmentsOf = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT w.incident_id, w.department_id FROM incidents i JOIN whistles w"
                + " ON w.incident_id = i.id WHERE " + f.where(), f);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                departmentsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<Row> rows = new ArrayList<>();
        readRows(c, f, rows);
        Map<String, String[]> keyOf = new HashMap<>();
        for (Row r : rows) {
            String[] key = {r.gridId().orElse(MonthCells.NO_GRID), r.category().wire()};
            cellOf.apply(MonthCells.ALL, key).incident(r);
            for (String d : departmentsOf.getOrDefault(r.id(), List.of())) {
                cellOf.apply(d, key).incident(r);
            }
            if (departmentsOf.containsKey(r.id())) {
                keyOf.put(r.id(), key);
            }
        }
        try (PreparedStatement ps = prepare(c, "SELECT '', i.grid_id, i.category, t.level, " + TIMER_SUMS
                + " FROM incidents i JOIN incident_timers t ON t.incident_id = i.id WHERE" + COUNTED_TIMERS + f.where()
                + " GROUP BY i.grid_id, i.category, t.level UNION ALL SELECT w.department_id, i.grid_id, i.category,"
                + " t.level, " + TIMER_SUMS + " FROM incidents i JOIN whistles w ON w.incident_id = i.id"
                + " JOIN incident_timers t ON t.incident_id = i.id WHERE" + COUNTED_TIMERS + f.where()
                + " GROUP BY w.department_id, i.grid_id, i.category, t.level", new Filter(f.where(),
                        List.of(month, next, month, next)));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String[] key = {Optional.ofNullable(rs.getString(2)).orElse(MonthCells.NO_GRID), rs.getString(3)};
                cellOf.apply(rs.getString(1), key).timers(timers(rs.getString(4), rs.getInt(5), rs.getInt(6)));
            }
        }
        List<WhistleRow> whistles = new ArrayList<>();
        readWhistles(c, f, whistles);
        for (WhistleRow w : whistles) {
            String[] key = keyOf.get(w.incidentId());
            cellOf.apply(MonthCells.ALL, key).whistle(w);
            cellOf.apply(w.departmentId(), key).whistle(w);
        }
        return out;
    }

    private static Timers timers(String level, int met, int missed) {
        return new Timers(Optional.empty(), Category.OTHER, 0, Optional.empty(), LadderLevel.of(level), met, missed);
    }

    private static final String TIMER_SUMS = "SUM(CASE WHEN t.met_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN t.fired_at IS NOT NULL THEN 1 ELSE 0 END)";
    private static final String COUNTED_TIMERS = " t.stage IN ('accept', 'on-site', 'resolve')"
            + " AND (t.met_at IS NOT NULL OR t.fired_at IS NOT NULL) AND i.duplicate_of IS NULL AND ";

    /** Where one report's figures come from: raw rows over a span, or the month cells. */
    private static final class Sources {
        private final StatsQuery q;
        private final ZoneId zone;
        private final List<YearMonth> months;
        private final Grouping grouping;

        Sources(StatsQuery q, ZoneId zone, List<YearMonth> months, Grouping grouping) {
            this.q = q;
            this.zone = zone;
            this.months = months;
            this.grouping = grouping;
        }

        /**
         * Adds the incidents received in [from, to) from the raw rows: to {@code total} unless
         * null, to {@code groups} unless null; {@code whistledOnly} reads only incidents whistled to
         * a department (a department grouping's groups).
         */
        void raw(Connection c, long from, long to, Tally total, Map<String, Tally> groups, boolean whistledOnly)
                throws SQLException {
            if (from >= to) {
                return;
            }
            Filter f = filter(q, from, to);
            if (whistledOnly) {
                f = new Filter(f.where() + " AND i.id IN (SELECT incident_id FROM whistles)", f.args());
            }
            List<Row> rows = new ArrayList<>();
            List<Timers> timers = new ArrayList<>();
            List<WhistleRow> whistles = new ArrayList<>();
            readRows(c, f, rows);
            readTimers(c, f, rollupFilter(q, from, to), q, months, zone, timers, total != null,
                    groups != null && q.by() == GroupBy.DEPARTMENT);
            readWhistles(c, f, whistles);
            q.departmentId().ifPresent(d -> whistles.removeIf(w -> !w.departmentId().equals(d)));
            Map<String, Set<String>> departmentsOf = new HashMap<>();
            for (WhistleRow w : whistles) {
                departmentsOf.computeIfAbsent(w.incidentId(), k -> new LinkedHashSet<>()).add(w.departmentId());
            }
            Map<String, List<String>> keysOf = new HashMap<>();
            for (Row r : rows) {
                if (total != null) {
                    total.incident(r);
                }
                if (groups == null) {
                    continue;
                }
                List<String> keys = q.by() == GroupBy.DEPARTMENT
                        ? List.copyOf(departmentsOf.getOrDefault(r.id(), Set.of()))
                        : List.of(grouping.key(r));
                if (departmentsOf.containsKey(r.id())) { // only whistled incidents' keys are looked up again
                    keysOf.put(r.id(), keys);
                }
                for (String k : keys) {
                    groups.computeIfAbsent(k, x -> new Tally()).incident(r);
                }
            }
            for (Timers t : timers) {
                if (t.departmentId().isPresent()) {
                    if (groups != null) {
                        groups.computeIfAbsent(t.departmentId().get(), x -> new Tally()).timers(t);
                    }
                    continue;
                }
                if (total != null) {
                    total.timers(t);
                }
                if (groups != null && q.by() != GroupBy.DEPARTMENT) {
                    String k = grouping.key(t.gridId(), t.category(), months.get(t.month()));
                    groups.computeIfAbsent(k, x -> new Tally()).timers(t);
                }
            }
            for (WhistleRow w : whistles) {
                if (total != null) {
                    total.whistle(w);
                }
                if (groups == null) {
                    continue;
                }
                for (String k : keysOf.getOrDefault(w.incidentId(), List.of())) {
                    if (q.by() != GroupBy.DEPARTMENT || k.equals(w.departmentId())) {
                        groups.get(k).whistle(w);
                    }
                }
            }
        }

        /**
         * Adds the month cells of [from, to) (whole months) of {@code department} ({@link
         * MonthCells#ALL} for all incidents; null for every department's, each to its own group),
         * each to {@code total} unless null and to its group unless {@code groups} is null.
         */
        void cells(Connection c, long from, long to, String department, Tally total, Map<String, Tally> groups)
                throws SQLException {
            if (from >= to) {
                return;
            }
            Filter f = filter(q, "i.month", from, to, false);
            List<Object> args = new ArrayList<>(f.args());
            String which;
            if (department == null) {
                which = "i.department_id <> ?";
                args.add(MonthCells.ALL);
            } else {
                which = "i.department_id = ?";
                args.add(department);
            }
            try (PreparedStatement ps = prepare(c, "SELECT i.department_id, i.month, i.grid_id, i.category, i.dirty,"
                    + " i.tally FROM stats_months i WHERE " + f.where() + " AND " + which, new Filter(f.where(), args));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MonthCells.Key k = new MonthCells.Key(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                    byte[] tally = rs.getInt(5) == 0 ? rs.getBytes(6) : null;
                    List<Tally> into = new ArrayList<>(2);
                    if (total != null) {
                        into.add(total);
                    }
                    if (groups != null) {
                        String key = q.by() == GroupBy.DEPARTMENT ? k.departmentId()
                                : grouping.key(Optional.of(k.gridId()).filter(g -> !MonthCells.NO_GRID.equals(g)),
                                        Category.of(k.category()), YearMonth.from(Instant.ofEpochMilli(k.month()).atZone(zone)));
                        into.add(groups.computeIfAbsent(key, x -> new Tally()));
                    }
                    MonthCells.add(c, zone, k, tally, into.toArray(Tally[]::new));
                }
            }
        }
    }

    /** The WHERE clause on {@code incidents i} shared by the three reads, and its arguments. */
    private record Filter(String where, List<Object> args) {
    }

    private static Filter filter(StatsQuery q, long from, long to) {
        return filter(q, "i.created_at", from, to, true);
    }

    /** The period and filters on {@code stats_timer_days i}; no department filter (that needs the raw rows). */
    private static Filter rollupFilter(StatsQuery q, long from, long to) {
        return filter(q, "i.day", from, to, false);
    }

    private static Filter filter(StatsQuery q, String time, long from, long to, boolean department) {
        StringBuilder w = new StringBuilder(time + " >= ? AND " + time + " < ?");
        List<Object> args = new ArrayList<>(List.of(from, to));
        q.category().ifPresent(cat -> {
            w.append(" AND i.category = ?");
            args.add(cat.wire());
        });
        q.gridId().ifPresent(g -> {
            w.append(" AND i.grid_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT grids.id FROM grids")
                    .append(" JOIN sub ON grids.parent_id = sub.id) SELECT id FROM sub)");
            args.add(g);
        });
        if (department) {
            q.departmentId().ifPresent(d -> {
                w.append(" AND i.id IN (SELECT incident_id FROM whistles WHERE department_id = ?)");
                args.add(d);
            });
        }
        return new Filter(w.toString(), args);
    }

    private static PreparedStatement prepare(Connection c, String sql, Filter f) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < f.args().size(); i++) {
            ps.setObject(i + 1, f.args().get(i));
        }
        return ps;
    }

    private static void readRows(Connection c, Filter f, List<Row> out) throws SQLException {
        try (PreparedStatement ps = prepare(c, """
                SELECT i.id, i.grid_id, i.category, i.created_at, i.level, i.status, i.outcome, i.accepted_at,
                i.resolved_at, i.rating, i.duplicate_of FROM incidents i WHERE\s""" + f.where(), f);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String status = rs.getString(6);
                boolean resolved = "resolved".equals(status) || "closed".equals(status) && "resolved".equals(rs.getString(7));
                out.add(new Row(rs.getString(1), Optional.ofNullable(rs.getString(2)), Category.of(rs.getString(3)),
                        rs.getLong(4), LadderLevel.of(rs.getString(5)), resolved, millis(rs, 8), millis(rs, 9),
                        Optional.ofNullable(rs.getString(10)).map(Rating::of), rs.getString(11) != null));
            }
        }
    }

    /** The months the period touches, first to last. */
    private static List<YearMonth> months(StatsQuery q) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(q.from()); !m.isAfter(YearMonth.from(q.to())); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    /**
     * Sums the deadlines in the store: per grid, category, month (an index into {@code months})
     * and rung ({@code gridSums}); and per department whistled to and rung ({@code departmentSums}).
     * A few hundred rows for a year, however many incidents.
     */
    private static void readTimers(Connection c, Filter f, Filter rollup, StatsQuery q,
            List<YearMonth> months, ZoneId zone, List<Timers> out, boolean gridSums, boolean departmentSums)
            throws SQLException {
        if (gridSums) {
            readGridTimers(c, f, rollup, q, months, zone, out);
        }
        if (!departmentSums) {
            return;
        }
        List<Object> deptArgs = new ArrayList<>(f.args());
        String onlyOne = q.departmentId().map(d -> " AND w.department_id = ?").orElse("");
        q.departmentId().ifPresent(deptArgs::add);
        try (PreparedStatement ps = prepare(c, "SELECT w.department_id, t.level, " + TIMER_SUMS + " FROM incidents i JOIN whistles w ON w.incident_id = i.id"
                + " JOIN incident_timers t ON t.incident_id = i.id WHERE" + COUNTED_TIMERS + f.where() + onlyOne
                + " GROUP BY 1, 2", new Filter(f.where(), deptArgs));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Timers(Optional.empty(), Category.OTHER, 0, Optional.of(rs.getString(1)),
                        LadderLevel.of(rs.getString(2)), rs.getInt(3), rs.getInt(4)));
            }
        }
    }

    /** The deadlines' sums per grid, category, month (an index into {@code months}) and rung. */
    private static void readGridTimers(Connection c, Filter f, Filter rollup, StatsQuery q, List<YearMonth> months,
            ZoneId zone, List<Timers> out) throws SQLException {
        StringBuilder month = new StringBuilder("0");
        List<Object> monthArgs = new ArrayList<>();
        if (q.by() == GroupBy.MONTH && months.size() > 1) {
            month = new StringBuilder("CASE");
            for (int m = 1; m < months.size(); m++) {
                month.append(" WHEN i.created_at < ? THEN ").append(m - 1);
                monthArgs.add(months.get(m).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli());
            }
            month.append(" ELSE ").append(months.size() - 1).append(" END");
        }
        List<Object> args = new ArrayList<>(monthArgs);
        String sql;
        if (q.departmentId().isEmpty()) {
            // summed per day in stats_timer_days (TimerDays): the same sums without joining every deadline
            args.addAll(rollup.args());
            sql = "SELECT i.grid_id, i.category, " + month.toString().replace("i.created_at", "i.day")
                    + ", i.level, SUM(i.met), SUM(i.missed) FROM stats_timer_days i WHERE " + rollup.where()
                    + " GROUP BY 1, 2, 3, 4";
        } else {
            args.addAll(f.args());
            sql = "SELECT i.grid_id, i.category, " + month + ", t.level,"
                    + " " + TIMER_SUMS + " FROM incidents i JOIN incident_timers t ON t.incident_id = i.id WHERE" + COUNTED_TIMERS + f.where()
                    + " GROUP BY 1, 2, 3, 4";
        }
        try (PreparedStatement ps = prepare(c, sql, new Filter(f.where(), args));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String grid = rs.getString(1);
                out.add(new Timers(Optional.ofNullable(grid).filter(g -> !TimerDays.NO_GRID.equals(g)),
                        Category.of(rs.getString(2)), rs.getInt(3), Optional.empty(), LadderLevel.of(rs.getString(4)),
                        rs.getInt(5), rs.getInt(6)));
            }
        }
    }

    private static void readWhistles(Connection c, Filter f, List<WhistleRow> out) throws SQLException {
        try (PreparedStatement ps = prepare(c, """
                SELECT w.incident_id, w.department_id, w.due_at, w.reported_at, w.score
                FROM incidents i JOIN whistles w ON w.incident_id = i.id
                WHERE i.duplicate_of IS NULL AND\s""" + f.where(), f);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int score = rs.getInt(5);
                boolean scored = !rs.wasNull();
                out.add(new WhistleRow(rs.getString(1), rs.getString(2), rs.getLong(3), millis(rs, 4),
                        scored ? Optional.of(score) : Optional.empty()));
            }
        }
    }

    private static Optional<Long> millis(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    /** Which group an incident falls in, each group's label, and the groups' order. */
    private static final class Grouping {
        private final StatsQuery q;
        private final String lang;
        private final ZoneId zone;
        private final Map<String, Grid> grids = new LinkedHashMap<>();
        private final Map<String, String> departmentNames;
        private final Map<String, String> gridKeys = new HashMap<>();

        Grouping(StatsQuery q, String lang, ZoneId zone, List<Grid> grids, Map<String, String> departmentNames) {
            this.q = q;
            this.lang = lang;
            this.zone = zone;
            grids.forEach(g -> this.grids.put(g.id(), g));
            this.departmentNames = departmentNames;
        }

        String key(Row r) {
            return key(r.gridId(), r.category(), q.by() == GroupBy.MONTH
                    ? YearMonth.from(Instant.ofEpochMilli(r.createdAt()).atZone(zone)) : null);
        }

        String key(Optional<String> gridId, Category category, YearMonth month) {
            return switch (q.by()) {
                case GRID -> gridId.map(g -> gridKeys.computeIfAbsent(g, this::gridKey)).orElse(NO_GRID);
                case CATEGORY -> category.wire();
                case MONTH -> month.toString();
                case DEPARTMENT -> throw new IllegalStateException("an incident has as many department keys as whistles");
            };
        }

        /** The grid one below the filter's grid (or below the root) on the path down to {@code gridId}. */
        private String gridKey(String gridId) {
            List<String> chain = new ArrayList<>();
            Optional<Grid> g = Optional.ofNullable(grids.get(gridId));
            if (g.isEmpty()) {
                return NO_GRID;
            }
            while (g.isPresent() && chain.size() < 64) {
                chain.add(0, g.get().id());
                g = g.get().parentId().map(grids::get);
            }
            int top = q.gridId().map(chain::indexOf).orElse(0);
            return top + 1 < chain.size() ? chain.get(top + 1) : chain.get(top);
        }

        String label(String key) {
            boolean en = "en".equals(lang);
            return switch (q.by()) {
                case GRID -> NO_GRID.equals(key) ? (en ? "No grid" : "未知网格")
                        : Optional.ofNullable(grids.get(key)).map(Grid::name).orElse(key);
                case CATEGORY -> Category.of(key).label(lang);
                case MONTH -> en ? key : YearMonth.parse(key).getYear() + "年" + YearMonth.parse(key).getMonthValue() + "月";
                case DEPARTMENT -> departmentNames.getOrDefault(key, key);
            };
        }

        Comparator<String> order() {
            if (q.by() == GroupBy.CATEGORY) {
                return Comparator.comparing(k -> Category.of(k).ordinal());
            }
            return Comparator.naturalOrder();
        }
    }
}
