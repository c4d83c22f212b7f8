package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.gridstation.gateway.notify.Notice;
import org.gridstation.gateway.notify.Notifier;
import org.gridstation.gateway.stats.MonthCells;
import org.gridstation.gateway.stats.TimerDays;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.ticket.LadderLevel;
import org.gridstation.protocol.ticket.TicketStatus;

/**
 * Every change to an incident: each step is checked against the lifecycle, stored with its time
 * and actor, moves the incident's deadlines, and queues the notices it causes — all in one
 * transaction. Timers live in {@code incident_timers}; {@link Escalations} fires the due ones.
 *
 * <pre>
 * new → accepted → dispatched → on-site → resolved → closed
 *          ↑___________ reopened ←______________|________|
 * </pre>
 */
public final class IncidentDesk {
    private static final Set<TicketStatus> WORKING = EnumSet.of(TicketStatus.ACCEPTED, TicketStatus.DISPATCHED,
            TicketStatus.ON_SITE, TicketStatus.REOPENED);

    private final Database db;
    private final Town town;
    private final LadderGrids ladder;
    private final BatchReads reads = new BatchReads();
    private final Notifier notifier;
    private final Clock clock;
    private volatile Consumer<Set<String>> changed = s -> { };

    public IncidentDesk(Database db, Town town, Notifier notifier, Clock clock) {
        this.db = db;
        this.town = town;
        this.ladder = new LadderGrids(town);
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * The ingest writer's batch began on this thread: route its notices by the grid tree, the
     * webhooks, the stations' rows and the time limits read once (see {@link LadderGrids#remember},
     * {@link Notifier#remember}, {@link BatchReads#remember}).
     */
    void batchStarted() {
        ladder.remember();
        notifier.remember();
        reads.remember();
    }

    /** The ingest writer's batch on this thread committed or rolled back. */
    void batchEnded() {
        ladder.forget();
        notifier.forget();
        reads.forget();
    }

    /** The grid of {@code stationId}, read in the caller's transaction; empty for a station the town does not know. */
    Optional<String> gridOf(Connection c, String stationId) throws SQLException {
        return reads.station(c, stationId).gridId();
    }

    /** Called after each committed change with the stations whose ticket boards changed. */
    public void onChange(Consumer<Set<String>> hook) {
        this.changed = hook;
    }

    /** A step that the lifecycle does not allow from the incident's status. */
    public static final class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    // ---- steps a person takes ---------------------------------------------------------------

    public Incident accept(String id, String actor) {
        return step(id, actor, (c, i, now) -> {
            require(i, Step.Action.ACCEPTED, EnumSet.of(TicketStatus.NEW, TicketStatus.REOPENED));
            move(c, i, TicketStatus.ACCEPTED, now, "accepted_at");
            meet(c, i.id(), Stage.ACCEPT, now);
            return record(c, i.id(), now, actor, Step.Action.ACCEPTED, Optional.empty());
        });
    }

    public Incident dispatch(String id, String actor, Optional<String> note) {
        return step(id, actor, (c, i, now) -> {
            require(i, Step.Action.DISPATCHED, EnumSet.of(TicketStatus.ACCEPTED, TicketStatus.DISPATCHED,
                    TicketStatus.REOPENED));
            move(c, i, TicketStatus.DISPATCHED, now, null);
            return record(c, i.id(), now, actor, Step.Action.DISPATCHED, note);
        });
    }

    public Incident onSite(String id, String actor, Optional<String> note) {
        return step(id, actor, (c, i, now) -> {
            require(i, Step.Action.ON_SITE, EnumSet.of(TicketStatus.ACCEPTED, TicketStatus.DISPATCHED,
                    TicketStatus.REOPENED));
            move(c, i, TicketStatus.ON_SITE, now, "on_site_at");
            meet(c, i.id(), Stage.ON_SITE, now);
            return record(c, i.id(), now, actor, Step.Action.ON_SITE, note);
        });
    }

    /** Resolved with the answer the villager will read ("件件有回音"). */
    public Incident resolve(String id, String actor, String answer) {
        String a = requireText(answer, "answer");
        return step(id, actor, (c, i, now) -> {
            require(i, Step.Action.RESOLVED, WORKING);
            move(c, i, TicketStatus.RESOLVED, now, "resolved_at");
            setNote(c, i.id(), a);
            meet(c, i.id(), Stage.ON_SITE, now);
            meet(c, i.id(), Stage.RESOLVE, now);
            Incident done = record(c, i.id(), now, actor, Step.Action.RESOLVED, Optional.of(a));
            followStatus(c, done, now);
            return done;
        });
    }

    /**
     * Closes: a resolved incident with outcome resolved or referred; an open one only as referred
     * or not ours, with an answer. Duplicates are closed by {@link #merge}.
     */
    public Incident close(String id, String actor, Outcome outcome, Optional<String> answer) {
        if (outcome == Outcome.DUPLICATE) {
            throw new IllegalArgumentException("use merge to close a duplicate");
        }
        return step(id, actor, (c, i, now) -> {
            if (i.status() == TicketStatus.CLOSED) {
                throw new ConflictException("incident " + i.id() + " is already closed");
            }
            if (i.open() && outcome == Outcome.RESOLVED) {
                throw new ConflictException("incident " + i.id() + " must be resolved before it is closed as resolved");
            }
            Optional<String> a = answer.map(s -> requireText(s, "answer"));
            if (i.open() && a.isEmpty()) {
                throw new IllegalArgumentException("an answer to the villager is required to close an open incident");
            }
            closeRow(c, i.id(), outcome, now);
            if (a.isPresent()) {
                setNote(c, i.id(), a.get());
            }
            cancelTimers(c, i.id());
            Optional<String> detail = Optional.of(outcome.wire() + a.map(t -> ": " + t).orElse(""));
            Incident done = record(c, i.id(), now, actor, Step.Action.CLOSED, detail);
            followStatus(c, done, now);
            return done;
        });
    }

    /** Reopens a resolved or closed incident: it must be resolved again within its limit. */
    public Incident reopen(String id, String actor, String reason) {
        String r = requireText(reason, "reason");
        return step(id, actor, (c, i, now) -> reopenIn(c, i, now, actor, r));
    }

    /** Climbs one rung by hand ("a leader can climb it at any time"). */
    public Incident climb(String id, String actor, String reason) {
        String r = requireText(reason, "reason");
        return step(id, actor, (c, i, now) -> {
            if (!i.open()) {
                throw new ConflictException("incident " + i.id() + " is " + i.status().wire() + "; only an open one climbs");
            }
            if (i.level().top()) {
                throw new ConflictException("incident " + i.id() + " is already at the town");
            }
            return climbIn(c, i, now, actor, r);
        });
    }

    /**
     * Merges {@code id} into {@code into}: {@code id} is closed as a duplicate and from then on
     * shows {@code into}'s status and answer, so every reporter hears the outcome.
     */
    public Incident merge(String id, String into, String actor) {
        if (id.equals(into)) {
            throw new IllegalArgumentException("an incident cannot be merged into itself");
        }
        return step(id, actor, (c, i, now) -> {
            Incident target = Incidents.load(c, into).orElseThrow(() -> new UnknownException("incident", into));
            if (i.duplicateOf().isPresent()) {
                throw new ConflictException("incident " + i.id() + " is already merged into " + i.duplicateOf().get());
            }
            if (target.duplicateOf().isPresent()) {
                throw new ConflictException("incident " + into + " is itself merged into " + target.duplicateOf().get());
            }
            if (i.status() == TicketStatus.CLOSED) {
                throw new ConflictException("incident " + i.id() + " is closed");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE incidents SET duplicate_of=? WHERE id=? OR duplicate_of=?")) {
                ps.setString(1, into);
                ps.setString(2, i.id());
                ps.setString(3, i.id());
                ps.executeUpdate();
            }
            closeRow(c, i.id(), Outcome.DUPLICATE, now);
            cancelTimers(c, i.id());
            record(c, into, now, actor, Step.Action.MERGED, Optional.of(i.id()));
            return record(c, i.id(), now, actor, Step.Action.MERGED, Optional.of(into));
        }, into);
    }

    /**
     * A villager's rating, from the kiosk or the public page: accepted on a resolved or closed
     * incident; 满意 or 基本满意 closes a resolved one, 不满意 reopens it. A duplicate's rating
     * applies to the incident it was merged into.
     */
    public Incident rate(String ticket, Rating rating, String actor) {
        return step(ticket, actor, (c, i, now) -> rateIn(c, i, rating, actor, now));
    }

    // ---- steps the gateway takes --------------------------------------------------------------

    /**
     * Opens an incident inside the ingest transaction: level team, the three deadlines from the
     * time limits, a notice to the station's service team. Returns false if it already existed.
     */
    public boolean open(Connection c, Incident i, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO incidents(id, station_id, grid_id, category, severity, status, level, phone, note, anonymous,
                created_at, reported_at, updated_at, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING""")) {
            ps.setString(1, i.id());
            ps.setString(2, i.stationId());
            ps.setString(3, i.gridId().orElse(null));
            ps.setString(4, i.category().wire());
            ps.setString(5, i.severity().wire());
            ps.setString(6, TicketStatus.NEW.wire());
            ps.setString(7, LadderLevel.TEAM.wire());
            ps.setString(8, i.phone().orElse(null));
            ps.setString(9, i.note().orElse(null));
            ps.setInt(10, i.anonymous() ? 1 : 0);
            ps.setLong(11, i.createdAt().toEpochMilli());
            ps.setLong(12, i.reportedAt().toEpochMilli());
            ps.setLong(13, i.createdAt().toEpochMilli());
            ps.setString(14, eventId);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        MonthCells.touch(c, town.zone(), i.createdAt().toEpochMilli(), i.gridId(), i.category().wire());
        TimeLimits limits = reads.limits(c, i.category(), i.severity());
        for (Stage s : List.of(Stage.ACCEPT, Stage.ON_SITE, Stage.RESOLVE)) {
            arm(c, i.id(), s, Optional.empty(), LadderLevel.TEAM, i.createdAt().plus(limits.of(s)));
        }
        Incident opened = asStored(i);
        insertStep(c, i.id(), i.createdAt(), eventId.equals(i.id()) ? "system" : "station:" + i.stationId(), Step.Action.FILED, TicketStatus.NEW,
                LadderLevel.TEAM, Optional.empty());
        notice(c, opened, "filed", "新诉求：" + opened.category().zh() + "（" + opened.severity().zh() + "）",
                LadderLevel.TEAM, List.of());
        return true;
    }

    /**
     * The incident as {@link #open} stores it, made without reading the row back: status new,
     * level team, the times to the millisecond, nothing else set yet. Reading it back was about a
     * fourteenth of the ingest writer's time in a county burst.
     */
    static Incident asStored(Incident i) {
        Instant created = Instant.ofEpochMilli(i.createdAt().toEpochMilli());
        return new Incident(i.id(), i.stationId(), i.gridId(), i.category(), i.severity(), TicketStatus.NEW,
                LadderLevel.TEAM, i.phone(), i.note(), i.anonymous(), created,
                Instant.ofEpochMilli(i.reportedAt().toEpochMilli()), created, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Opens an incident the gateway itself raises (a station left unstaffed at a shift's start),
     * with {@code note} saying why; returns false if it already existed.
     */
    public boolean raise(String id, String stationId, Optional<String> gridId, Category category, Severity severity,
            String note) {
        Instant now = clock.instant();
        Incident i = filed(id, stationId, gridId, category, severity, Optional.empty(), Optional.of(note), false, now, now);
        boolean opened = db.write(c -> open(c, i, id));
        if (opened) {
            committed(Set.of(stationId));
        }
        return opened;
    }

    /** Applies a rating that arrived as an event, inside the ingest transaction. */
    public void rateFromStation(Connection c, String ticket, Rating rating, String stationId, Instant now)
            throws SQLException {
        Optional<Incident> i = Incidents.load(c, ticket);
        if (i.isEmpty()) {
            throw new UnknownException("incident", ticket);
        }
        rateIn(c, i.get(), rating, "station:" + stationId, now);
        MonthCells.touch(c, town.zone(), ticket);
    }

    /** Runs after the ingest transaction that opened or rated incidents has committed. */
    public void committed(Set<String> stations) {
        notifier.committed();
        if (!stations.isEmpty()) {
            changed.accept(stations);
        }
    }

    // ---- the transaction frame ----------------------------------------------------------------

    @FunctionalInterface
    interface Change {
        Incident apply(Connection c, Incident current, Instant now) throws SQLException;
    }

    Incident step(String id, String actor, Change change, String... alsoIds) {
        requireText(actor, "actor");
        Set<String> stations = new LinkedHashSet<>();
        Incident result = db.write(c -> {
            Incident i = Incidents.load(c, id).orElseThrow(() -> new UnknownException("incident", id));
            Incident out = change.apply(c, i, clock.instant());
            // a step may meet a deadline or merge a duplicate: the statistics' rollup follows in this transaction
            TimerDays.refresh(c, town.zone(), id);
            TimerDays.refresh(c, town.zone(), alsoIds);
            MonthCells.touch(c, town.zone(), id);
            MonthCells.touch(c, town.zone(), alsoIds);
            stations.addAll(affectedStations(c, id, alsoIds));
            return out;
        });
        committed(stations);
        return result;
    }

    private static Set<String> affectedStations(Connection c, String id, String... alsoIds) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>(List.of(alsoIds));
        ids.add(id);
        for (String x : ids) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT station_id FROM incidents WHERE id=? OR duplicate_of=? OR id=(SELECT duplicate_of FROM incidents WHERE id=?)")) {
                ps.setString(1, x);
                ps.setString(2, x);
                ps.setString(3, x);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    // ---- pieces -----------------------------------------------------------------------------------

    private Incident rateIn(Connection c, Incident i, Rating rating, String actor, Instant now) throws SQLException {
        // every check before any write: the ingest calls this inside a batch's transaction
        Incident master = i;
        if (i.duplicateOf().isPresent()) {
            master = Incidents.load(c, i.duplicateOf().get()).orElseThrow();
        }
        if (master.open()) {
            throw new ConflictException("ticket " + i.id() + " is " + master.status().wire()
                    + "; it can be rated once resolved");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET rating=?, rated_at=? WHERE id=?")) {
            ps.setString(1, rating.wire());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, i.id());
            ps.executeUpdate();
        }
        record(c, i.id(), now, actor, Step.Action.RATED, Optional.of(rating.wire()));
        if (rating == Rating.DISSATISFIED) {
            reopenIn(c, master, now, actor, "群众评价不满意");
        } else if (master.status() == TicketStatus.RESOLVED && master.id().equals(i.id())) {
            closeRow(c, master.id(), Outcome.RESOLVED, now);
            cancelTimers(c, master.id());
            Incident closed = record(c, master.id(), now, actor, Step.Action.CLOSED, Optional.of(Outcome.RESOLVED.wire()));
            followStatus(c, closed, now);
        }
        return Incidents.load(c, i.id()).orElseThrow();
    }

    private Incident reopenIn(Connection c, Incident i, Instant now, String actor, String reason) throws SQLException {
        if (i.duplicateOf().isPresent()) {
            Incident master = Incidents.load(c, i.duplicateOf().get()).orElseThrow();
            return reopenIn(c, master, now, actor, reason + "（" + i.id() + "）");
        }
        if (i.open()) {
            throw new ConflictException("incident " + i.id() + " is still open");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET status=?, updated_at=?, closed_at=NULL, outcome=NULL WHERE id=?")) {
            ps.setString(1, TicketStatus.REOPENED.wire());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, i.id());
            ps.executeUpdate();
        }
        TimeLimits limits = reads.limits(c, i.category(), i.severity());
        arm(c, i.id(), Stage.RESOLVE, Optional.empty(), i.level(), now.plus(limits.resolve()));
        Incident re = record(c, i.id(), now, actor, Step.Action.REOPENED, Optional.of(reason));
        followStatus(c, re, now);
        notice(c, re, "reopened", "诉求重新办理：" + re.id(), re.level(), List.of());
        return re;
    }

    Incident climbIn(Connection c, Incident i, Instant now, String actor, String reason) throws SQLException {
        LadderLevel up = i.level().up();
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET level=?, updated_at=? WHERE id=?")) {
            ps.setString(1, up.wire());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, i.id());
            ps.executeUpdate();
        }
        Incident climbed = record(c, i.id(), now, actor, Step.Action.ESCALATED, Optional.of(reason));
        notice(c, climbed, "escalated", "诉求上报至" + up.zh() + "：" + climbed.id() + "（" + reason + "）", up, List.of());
        return climbed;
    }

    private static void followStatus(Connection c, Incident master, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET updated_at=?, status_note=COALESCE(?, status_note) WHERE duplicate_of=?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, master.statusNote().orElse(null));
            ps.setString(3, master.id());
            ps.executeUpdate();
        }
    }

    void notice(Connection c, Incident i, String kind, String title, LadderLevel level, List<String> departments)
            throws SQLException {
        List<String> grids = ladder.targets(c, i.gridId(), level);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", i.id());
        summary.put("stationId", i.stationId());
        summary.put("stationName", reads.station(c, i.stationId()).name().orElse(i.stationId()));
        summary.put("category", i.category().wire());
        summary.put("severity", i.severity().wire());
        summary.put("status", i.status().wire());
        summary.put("level", i.level().wire());
        summary.put("createdAt", i.createdAt().toString());
        String text = summary.get("stationName") + " · " + i.category().zh() + " · " + i.severity().zh() + " · "
                + i.status().zh() + " · 当前层级：" + i.level().zh();
        notifier.enqueue(c, new Notice(Optional.of(i.id()), kind, title, text, grids, departments, summary));
    }

    private static void require(Incident i, Step.Action action, Set<TicketStatus> from) {
        if (i.duplicateOf().isPresent()) {
            throw new ConflictException("incident " + i.id() + " was merged into " + i.duplicateOf().get());
        }
        if (!from.contains(i.status())) {
            throw new ConflictException("incident " + i.id() + " is " + i.status().wire() + "; cannot be "
                    + action.wire());
        }
    }

    private static void move(Connection c, Incident i, TicketStatus to, Instant now, String firstColumn)
            throws SQLException {
        // accepted_at and on_site_at keep the first time; resolved_at the last
        String stamp = firstColumn == null ? ""
                : "resolved_at".equals(firstColumn) ? ", resolved_at=?" : ", " + firstColumn + "=COALESCE(" + firstColumn + ", ?)";
        String sql = "UPDATE incidents SET status=?, updated_at=?" + stamp + " WHERE id=?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, to.wire());
            ps.setLong(2, now.toEpochMilli());
            int n = 3;
            if (firstColumn != null) {
                ps.setLong(n++, now.toEpochMilli());
            }
            ps.setString(n, i.id());
            ps.executeUpdate();
        }
    }

    private static void closeRow(Connection c, String id, Outcome outcome, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET status=?, outcome=?, closed_at=?, updated_at=? WHERE id=?")) {
            ps.setString(1, TicketStatus.CLOSED.wire());
            ps.setString(2, outcome.wire());
            ps.setLong(3, now.toEpochMilli());
            ps.setLong(4, now.toEpochMilli());
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    private static void setNote(Connection c, String id, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET status_note=? WHERE id=?")) {
            ps.setString(1, note);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    static void arm(Connection c, String id, Stage stage, Optional<String> department, LadderLevel level, Instant due)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident_timers(incident_id, stage, department_id, level, due_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, stage.wire());
            ps.setString(3, department.orElse(null));
            ps.setString(4, level.wire());
            ps.setLong(5, due.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Marks the stage's pending deadline met. */
    static void meet(Connection c, String id, Stage stage, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE incident_timers SET met_at=? WHERE incident_id=? AND stage=? AND met_at IS NULL AND fired_at IS NULL""")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
            ps.setString(3, stage.wire());
            ps.executeUpdate();
        }
    }

    /** Drops pending deadlines of a closed incident: neither met nor missed. */
    private static void cancelTimers(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM incident_timers WHERE incident_id=? AND met_at IS NULL AND fired_at IS NULL")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    static Incident record(Connection c, String id, Instant now, String actor, Step.Action action,
            Optional<String> detail) throws SQLException {
        Incident i = Incidents.load(c, id).orElseThrow();
        insertStep(c, id, now, actor, action, i.status(), i.level(), detail);
        return i;
    }

    static void insertStep(Connection c, String id, Instant at, String actor, Step.Action action, TicketStatus status,
            LadderLevel level, Optional<String> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO incident_steps(incident_id, at, actor, action, status, level, detail) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, actor);
            ps.setString(4, action.wire());
            ps.setString(5, status.wire());
            ps.setString(6, level.wire());
            ps.setString(7, detail.orElse(null));
            ps.executeUpdate();
        }
    }

    static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String t = s.strip();
        if (t.length() > 500) {
            throw new IllegalArgumentException(what + " must be at most 500 characters");
        }
        return t;
    }

    Clock clock() {
        return clock;
    }

    /** The store this desk writes to. */
    public Database db() {
        return db;
    }

    Town town() {
        return town;
    }

    /** Used by the projection to build an incident for {@link #open}. */
    public static Incident filed(String id, String stationId, Optional<String> gridId, Category category,
            Severity severity, Optional<String> phone, Optional<String> note, boolean anonymous, Instant receivedAt,
            Instant reportedAt) {
        return new Incident(id, stationId, gridId, category, severity, TicketStatus.NEW, LadderLevel.TEAM, phone, note,
                anonymous, receivedAt, reportedAt, receivedAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
