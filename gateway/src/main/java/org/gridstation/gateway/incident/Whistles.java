package org.gridstation.gateway.incident;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.town.UnknownException;
import org.gridstation.protocol.ticket.LadderLevel;

/**
 * Blowing the whistle (吹哨): an incident calls one or several town departments at once, one of
 * them coordinating when there are several; each department reports on site (报到) within the
 * incident's on-site limit, counted from the whistle; the village scores each department's work.
 */
public final class Whistles {
    private final IncidentDesk desk;

    public Whistles(IncidentDesk desk) {
        this.desk = desk;
    }

    /** Calls {@code departments}; {@code coordinator} is required when there are several and must be one of them. */
    public Incident whistle(String id, List<String> departments, Optional<String> coordinator, String actor,
            Optional<String> note) {
        Set<String> depts = new LinkedHashSet<>(departments == null ? List.of() : departments);
        if (depts.isEmpty()) {
            throw new IllegalArgumentException("at least one department is required");
        }
        if (depts.size() > 1 && coordinator.isEmpty()) {
            throw new IllegalArgumentException("a coordinating department is required when several are called");
        }
        coordinator.ifPresent(co -> {
            if (!depts.contains(co)) {
                throw new IllegalArgumentException("the coordinating department must be one of the departments called");
            }
        });
        String lead = coordinator.orElse(depts.iterator().next());
        return desk.step(id, actor, (c, i, now) -> {
            if (!i.open() || i.duplicateOf().isPresent()) {
                throw new IncidentDesk.ConflictException("incident " + i.id() + " is " + i.status().wire()
                        + "; only an open incident can call departments");
            }
            TimeLimits limits = TimeLimitTable.lookup(c, i.category(), i.severity());
            for (String d : depts) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM departments WHERE id=?")) {
                    ps.setString(1, d);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new UnknownException("department", d);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO whistles(incident_id, department_id, coordinator, whistled_at, whistled_by, due_at)
                        VALUES (?,?,?,?,?,?)""")) {
                    ps.setString(1, i.id());
                    ps.setString(2, d);
                    ps.setInt(3, d.equals(lead) ? 1 : 0);
                    ps.setLong(4, now.toEpochMilli());
                    ps.setString(5, actor);
                    ps.setLong(6, now.plus(limits.onSite()).toEpochMilli());
                    ps.executeUpdate();
                } catch (java.sql.SQLException e) {
                    if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                        throw new IncidentDesk.ConflictException("department " + d + " was already called for " + i.id());
                    }
                    throw e;
                }
                IncidentDesk.arm(c, i.id(), Stage.REPORT, Optional.of(d), LadderLevel.TOWN, now.plus(limits.onSite()));
            }
            String detail = "牵头：" + lead + "；部门：" + String.join("、", depts) + note.map(n -> "；" + n).orElse("");
            Incident w = IncidentDesk.record(c, i.id(), now, actor, Step.Action.WHISTLED, Optional.of(detail));
            desk.notice(c, w, "whistled", "网格吹哨：" + i.id() + " · 请" + String.join("、", depts) + "到场（" + lead + "牵头）",
                    LadderLevel.TOWN, List.copyOf(depts));
            return w;
        });
    }

    /** The department reports on site (报到). */
    public Incident report(String id, String department, String actor) {
        return desk.step(id, actor, (c, i, now) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whistles SET reported_at=?, reported_by=? WHERE incident_id=? AND department_id=?
                    AND reported_at IS NULL""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, actor);
                ps.setString(3, i.id());
                ps.setString(4, department);
                if (ps.executeUpdate() == 0) {
                    throw new IncidentDesk.ConflictException("department " + department
                            + " was not called for " + i.id() + " or has already reported");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE incident_timers SET met_at=? WHERE incident_id=? AND stage='report' AND department_id=?
                    AND met_at IS NULL AND fired_at IS NULL""")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, i.id());
                ps.setString(3, department);
                ps.executeUpdate();
            }
            return IncidentDesk.record(c, i.id(), now, actor, Step.Action.REPORTED, Optional.of(department));
        });
    }

    /** The village scores a department's work on this incident, 1 (poor) to 5 (excellent). */
    public Incident score(String id, String department, int score, String actor) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1 to 5");
        }
        return desk.step(id, actor, (c, i, now) -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whistles SET score=?, scored_at=?, scored_by=? WHERE incident_id=? AND department_id=?
                    AND reported_at IS NOT NULL""")) {
                ps.setInt(1, score);
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, actor);
                ps.setString(4, i.id());
                ps.setString(5, department);
                if (ps.executeUpdate() == 0) {
                    throw new IncidentDesk.ConflictException("department " + department
                            + " was not called for " + i.id() + " or has not reported on site yet");
                }
            }
            return IncidentDesk.record(c, i.id(), now, actor, Step.Action.SCORED,
                    Optional.of(department + ": " + score));
        });
    }
}
