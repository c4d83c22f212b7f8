package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketBoard;
import org.gridstation.protocol.ticket.TicketStatus;

/** Reads incidents, their history, their whistles and open deadlines. */
public final class Incidents {
    static final String COLUMNS = "id, station_id, grid_id, category, severity, status, level, phone, note, anonymous, "
            + "created_at, reported_at, updated_at, accepted_at, on_site_at, resolved_at, closed_at, outcome, "
            + "duplicate_of, status_note, rating";
    private final Database db;

    public Incidents(Database db) {
        this.db = db;
    }

    /** A filter for {@link #list}. Empty fields match everything. */
    public record Query(Optional<String> stationId, Optional<TicketStatus> status, Optional<Boolean> open,
            Optional<Category> category, Optional<String> gridId, Optional<Instant> from, Optional<Instant> to,
            Optional<List<String>> ids, int limit) {
        public static Query latest(int limit) {
            return new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), limit);
        }
    }

    public Optional<Incident> get(String id) {
        return db.read(c -> load(c, id));
    }

    static Optional<Incident> load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Newest first, optionally only one station's and/or one status, at most {@code limit}. */
    public List<Incident> list(Optional<String> stationId, Optional<TicketStatus> status, int limit) {
        return list(new Query(stationId, status, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), limit));
    }

    /** A grid filter over at most this many grids reads each grid's newest incidents and merges them. */
    static final int MERGE_GRIDS = 64;

    /**
     * Newest first, matching {@code q}. A grid matches its own incidents and its subtree's: for a
     * subtree of up to {@link #MERGE_GRIDS} grids, each grid's newest come from the index on
     * (grid, received) and are merged, instead of sorting every incident of the subtree.
     */
    public List<Incident> list(Query q) {
        return db.read(c -> {
            // closed ones: each status's newest from the index on (status, received), merged
            List<Optional<String>> statuses = q.status().isEmpty() && q.open().equals(Optional.of(false))
                    ? List.of(Optional.of(TicketStatus.RESOLVED.wire()), Optional.of(TicketStatus.CLOSED.wire()))
                    : List.of(Optional.empty());
            List<Optional<String>> grids = grids(c, q);
            List<Incident> out = new ArrayList<>();
            for (Optional<String> status : statuses) {
                for (Optional<String> grid : grids) {
                    out.addAll(select(c, q, grid, status));
                }
            }
            if (statuses.size() * grids.size() == 1) {
                return out;
            }
            out.sort(java.util.Comparator.comparing(Incident::createdAt).reversed().thenComparing(Incident::id));
            return out.size() > q.limit() ? new ArrayList<>(out.subList(0, q.limit())) : out;
        });
    }

    /** The grids to read one by one (a small subtree), or one empty entry: the filter as it is. */
    private static List<Optional<String>> grids(Connection c, Query q) throws SQLException {
        if (q.gridId().isEmpty()) {
            return List.of(Optional.empty());
        }
        List<String> grids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT grids.id"
                + " FROM grids JOIN sub ON grids.parent_id = sub.id) SELECT id FROM sub")) {
            ps.setString(1, q.gridId().get());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grids.add(rs.getString(1));
                }
            }
        }
        if (grids.size() > MERGE_GRIDS) {
            return List.of(Optional.empty());
        }
        return grids.stream().map(Optional::of).toList();
    }

    /**
     * {@code q} with its grid filter as the subtree or exactly {@code grid}, and its open filter or
     * exactly {@code exactStatus}.
     */
    private static List<Incident> select(Connection c, Query q, Optional<String> grid, Optional<String> exactStatus)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incidents WHERE 1=1");
        List<Object> args = new ArrayList<>();
        q.stationId().ifPresent(s -> {
            sql.append(" AND station_id=?");
            args.add(s);
        });
        q.status().ifPresent(s -> {
            sql.append(" AND status=?");
            args.add(s.wire());
        });
        if (exactStatus.isPresent()) {
            sql.append(" AND status=?");
            args.add(exactStatus.get());
        } else {
            q.open().ifPresent(o -> sql.append(o ? " AND status NOT IN ('resolved', 'closed')"
                    : " AND status IN ('resolved','closed')"));
        }
        q.category().ifPresent(cat -> {
            sql.append(" AND category=?");
            args.add(cat.wire());
        });
        if (grid.isPresent()) {
            sql.append(" AND grid_id=?");
            args.add(grid.get());
        } else {
            q.gridId().ifPresent(g -> {
                sql.append(" AND grid_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT grids.id FROM grids JOIN sub"
                        + " ON grids.parent_id = sub.id) SELECT id FROM sub)");
                args.add(g);
            });
        }
        q.from().ifPresent(f -> {
            sql.append(" AND created_at >= ?");
            args.add(f.toEpochMilli());
        });
        q.to().ifPresent(t -> {
            sql.append(" AND created_at < ?");
            args.add(t.toEpochMilli());
        });
        q.ids().ifPresent(ids -> {
            sql.append(" AND id IN (").append(String.join(",", ids.stream().map(x -> "?").toList())).append(")");
            args.addAll(ids);
        });
        sql.append(" ORDER BY created_at DESC, id LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Incident> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /** Incidents not yet resolved or closed, per station that has any; one pass over the open ones. */
    public java.util.Map<String, Integer> openCounts() {
        return db.read(c -> {
            java.util.Map<String, Integer> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT station_id, COUNT(*) FROM incidents"
                    + " WHERE status NOT IN ('resolved', 'closed') GROUP BY station_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Incidents at {@code stationId} not yet resolved or closed. */
    public int openCount(String stationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM incidents WHERE station_id=? AND status NOT IN ('resolved', 'closed')")) {
                ps.setString(1, stationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** The incident's history, oldest first. */
    public List<Step> steps(String id) {
        return db.read(c -> {
            List<Step> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, actor, action, status, level, detail FROM incident_steps WHERE incident_id=? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Step(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), Step.Action.of(rs.getString(3)),
                                TicketStatus.of(rs.getString(4)), LadderLevel.of(rs.getString(5)),
                                Optional.ofNullable(rs.getString(6))));
                    }
                }
            }
            return out;
        });
    }

    /** A department whistled to for an incident, and how it answered. */
    public record Whistle(String departmentId, String departmentName, boolean coordinator, Instant whistledAt,
            String whistledBy, Instant dueAt, Optional<Instant> reportedAt, Optional<String> reportedBy,
            Optional<Integer> score) {
        /** Whistle to on site, if the department has reported. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public Optional<Duration> toOnSite() {
            return reportedAt.map(r -> Duration.between(whistledAt, r));
        }

        /** Whistle to on site in seconds, as the API shows it. */
        @com.fasterxml.jackson.annotation.JsonProperty("toOnSiteSeconds")
        public Optional<Long> toOnSiteSeconds() {
            return toOnSite().map(Duration::toSeconds);
        }

        /** Reported within the limit. */
        @com.fasterxml.jackson.annotation.JsonProperty("inTime")
        public Optional<Boolean> inTime() {
            return reportedAt.map(r -> !r.isAfter(dueAt));
        }
    }

    /** The ids of the newest incidents whistled to {@code departmentId}, at most {@code limit}. */
    public List<String> whistledTo(String departmentId, int limit) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT incident_id FROM whistles WHERE department_id=? ORDER BY whistled_at DESC LIMIT ?""")) {
                ps.setString(1, departmentId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    public List<Whistle> whistles(String id) {
        return db.read(c -> {
            List<Whistle> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT w.department_id, d.name, w.coordinator, w.whistled_at, w.whistled_by, w.due_at, w.reported_at,
                    w.reported_by, w.score FROM whistles w JOIN departments d ON d.id = w.department_id
                    WHERE w.incident_id=? ORDER BY w.coordinator DESC, w.department_id""")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rep = rs.getLong(7);
                        boolean hasRep = !rs.wasNull();
                        int score = rs.getInt(9);
                        boolean hasScore = !rs.wasNull();
                        out.add(new Whistle(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
                                hasRep ? Optional.of(Instant.ofEpochMilli(rep)) : Optional.empty(),
                                Optional.ofNullable(rs.getString(8)), hasScore ? Optional.of(score) : Optional.empty()));
                    }
                }
            }
            return out;
        });
    }

    /** A pending deadline: the next limit the incident must meet at its current rung. */
    public record Deadline(Stage stage, Optional<String> departmentId, LadderLevel level, Instant dueAt) {
    }

    /** The soonest pending deadline of each of {@code ids} that has one. */
    public java.util.Map<String, Deadline> nextDeadlines(List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return db.read(c -> {
            java.util.Map<String, Deadline> out = new java.util.HashMap<>();
            String marks = String.join(",", ids.stream().map(x -> "?").toList());
            try (PreparedStatement ps = c.prepareStatement("SELECT incident_id, stage, department_id, level, due_at FROM "
                    + "incident_timers WHERE met_at IS NULL AND fired_at IS NULL AND incident_id IN (" + marks + ")"
                    + " ORDER BY due_at DESC")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) { // latest first, so the soonest is put last and wins
                        out.put(rs.getString(1), new Deadline(Stage.of(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                                LadderLevel.of(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                }
            }
            return out;
        });
    }

    /** The whistles of each of {@code ids} that has any, each incident's in {@link #whistles}'s order; one query. */
    public java.util.Map<String, List<Whistle>> whistles(List<String> ids) {
        java.util.Map<String, List<Whistle>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        return db.read(c -> {
            String marks = String.join(",", ids.stream().map(x -> "?").toList());
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT w.department_id, d.name, w.coordinator, w.whistled_at, w.whistled_by, w.due_at, w.reported_at,
                    w.reported_by, w.score, w.incident_id FROM whistles w JOIN departments d ON d.id = w.department_id
                    WHERE w.incident_id IN (""" + marks + ") ORDER BY w.incident_id, w.coordinator DESC, w.department_id")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(10), k -> new ArrayList<>()).add(whistle(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Whistle whistle(ResultSet rs) throws SQLException {
        long rep = rs.getLong(7);
        boolean hasRep = !rs.wasNull();
        int score = rs.getInt(9);
        boolean hasScore = !rs.wasNull();
        return new Whistle(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
                hasRep ? Optional.of(Instant.ofEpochMilli(rep)) : Optional.empty(),
                Optional.ofNullable(rs.getString(8)), hasScore ? Optional.of(score) : Optional.empty());
    }

    /** The pending deadlines of each of {@code ids} that has any, soonest first; one query. */
    public java.util.Map<String, List<Deadline>> deadlines(List<String> ids) {
        java.util.Map<String, List<Deadline>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        return db.read(c -> {
            String marks = String.join(",", ids.stream().map(x -> "?").toList());
            try (PreparedStatement ps = c.prepareStatement("SELECT stage, department_id, level, due_at, incident_id"
                    + " FROM incident_timers WHERE met_at IS NULL AND fired_at IS NULL AND incident_id IN (" + marks + ")"
                    + " ORDER BY incident_id, due_at")) {
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 1, ids.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(new Deadline(Stage.of(rs.getString(1)),
                                Optional.ofNullable(rs.getString(2)), LadderLevel.of(rs.getString(3)),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            return out;
        });
    }

    /** The incident's pending deadlines, soonest first. */
    public List<Deadline> deadlines(String id) {
        return db.read(c -> {
            List<Deadline> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT stage, department_id, level, due_at FROM incident_timers
                    WHERE incident_id=? AND met_at IS NULL AND fired_at IS NULL ORDER BY due_at""")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Deadline(Stage.of(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                                LadderLevel.of(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The station's ticket board: its tickets still open or changed within 60 days of {@code now},
     * newest first, at most {@link TicketBoard#MAX_TICKETS}. A merged duplicate shows the status
     * and answer of the incident it was merged into.
     */
    public List<TicketBoard.Ticket> board(String stationId, Instant now) {
        return boards(List.of(stationId), now).get(stationId);
    }

    /**
     * The ticket boards of {@code stationIds} (each as {@link #board}), read with one statement on
     * one connection: a pass over a county's boards prepared and ran it once per station, a
     * quarter of the downlinks thread's time in a reconnect burst.
     */
    public Map<String, List<TicketBoard.Ticket>> boards(Collection<String> stationIds, Instant now) {
        return db.read(c -> {
            Map<String, List<TicketBoard.Ticket>> boards = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT i.id, i.category, i.severity, COALESCE(m.status, i.status), COALESCE(m.level, i.level),
                    i.created_at, CASE WHEN i.updated_at >= COALESCE(m.updated_at, 0) THEN i.updated_at ELSE m.updated_at END, COALESCE(m.status_note, i.status_note),
                    i.rating FROM incidents i LEFT JOIN incidents m ON m.id = i.duplicate_of
                    WHERE i.station_id=? AND (i.status NOT IN ('resolved','closed') OR i.updated_at >= ?
                    OR COALESCE(m.updated_at, 0) >= ?)
                    ORDER BY i.created_at DESC, i.id LIMIT ?""")) {
                long since = now.minus(Duration.ofDays(60)).toEpochMilli();
                ps.setLong(2, since);
                ps.setLong(3, since);
                ps.setInt(4, TicketBoard.MAX_TICKETS);
                for (String stationId : stationIds) {
                    List<TicketBoard.Ticket> out = new ArrayList<>();
                    ps.setString(1, stationId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new TicketBoard.Ticket(rs.getString(1), Category.of(rs.getString(2)),
                                    Severity.of(rs.getString(3)), TicketStatus.of(rs.getString(4)), LadderLevel.of(rs.getString(5)),
                                    Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                                    Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)).map(Rating::of)));
                        }
                    }
                    boards.put(stationId, out);
                }
            }
            return boards;
        });
    }

    static Incident row(ResultSet rs) throws SQLException {
        return new Incident(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)),
                Category.of(rs.getString(4)), Severity.of(rs.getString(5)), TicketStatus.of(rs.getString(6)),
                LadderLevel.of(rs.getString(7)), Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)),
                rs.getBoolean(10), Instant.ofEpochMilli(rs.getLong(11)), Instant.ofEpochMilli(rs.getLong(12)),
                Instant.ofEpochMilli(rs.getLong(13)), instant(rs, 14), instant(rs, 15), instant(rs, 16), instant(rs, 17),
                Optional.ofNullable(rs.getString(18)).map(Outcome::of), Optional.ofNullable(rs.getString(19)),
                Optional.ofNullable(rs.getString(20)), Optional.ofNullable(rs.getString(21)).map(Rating::of));
    }

    private static Optional<Instant> instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
