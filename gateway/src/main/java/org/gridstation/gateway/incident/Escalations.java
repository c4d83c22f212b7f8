package org.gridstation.gateway.incident;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.stats.MonthCells;
import org.gridstation.gateway.stats.TimerDays;
import org.gridstation.protocol.ticket.LadderLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the deadlines that have passed on the gateway's clock, every second. A deadline is a row
 * in {@code incident_timers}; firing it (marking it fired, climbing the ladder, arming the same
 * limit at the new rung, queueing the notice) is one transaction guarded by
 * {@code fired_at IS NULL}, so a gateway restarted mid-countdown neither skips a deadline that
 * passed while it was down nor fires one twice, and of several instances exactly one fires it.
 * A whistled department that has not reported on site in time is reported overdue to it and to
 * the town, without climbing.
 */
public final class Escalations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final String SYSTEM = "system";

    private final IncidentDesk desk;
    private final ScheduledExecutorService exec = BackgroundThreads.single("escalations");

    private volatile java.util.function.BooleanSupplier lease = () -> true;

    public Escalations(IncidentDesk desk) {
        this.desk = desk;
    }

    /**
     * Runs the scheduled passes only while {@code lease} says so: of several gateway instances on
     * one store, the one holding the scheduler lease.
     */
    public void runOnlyWhile(java.util.function.BooleanSupplier lease) {
        this.lease = lease;
    }

    public void start() {
        exec.scheduleWithFixedDelay(this::safeRun, 0, 1, TimeUnit.SECONDS);
    }

    private void safeRun() {
        if (!lease.getAsBoolean()) {
            return;
        }
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("escalation pass failed: {}", e.toString());
        }
    }

    private record Due(long timerId, String incidentId, Stage stage, Optional<String> department, LadderLevel level,
            Instant dueAt) {
    }

    /** Fires every deadline due by now; returns how many fired. */
    public int runDue() {
        Instant now = desk.clock().instant();
        List<Due> due = desk.db().read(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, incident_id, stage, department_id, level, due_at FROM incident_timers
                    WHERE met_at IS NULL AND fired_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT 500""")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Due(rs.getLong(1), rs.getString(2), Stage.of(rs.getString(3)),
                                Optional.ofNullable(rs.getString(4)), LadderLevel.of(rs.getString(5)),
                                Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
            }
            return out;
        });
        int fired = 0;
        Set<String> stations = new LinkedHashSet<>();
        for (Due d : due) {
            Optional<String> station = fire(d, now);
            if (station.isPresent()) {
                fired++;
                stations.add(station.get());
            }
        }
        if (fired > 0) {
            desk.committed(stations);
        }
        return fired;
    }

    private Optional<String> fire(Due d, Instant now) {
        return desk.db().write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE incident_timers SET fired_at=? WHERE id=? AND fired_at IS NULL AND met_at IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, d.timerId());
                if (ps.executeUpdate() == 0) {
                    return Optional.<String>empty(); // met or fired meanwhile, here or by another instance
                }
            }
            TimerDays.refresh(c, desk.town().zone(), d.incidentId());
            MonthCells.touch(c, desk.town().zone(), d.incidentId());
            Incident i = Incidents.load(c, d.incidentId()).orElseThrow();
            if (!i.open() || i.duplicateOf().isPresent()) {
                return Optional.of(i.stationId());
            }
            TimeLimits limits = TimeLimitTable.lookup(c, i.category(), i.severity());
            String why = switch (d.stage()) {
                case ACCEPT -> "超过受理时限";
                case ON_SITE -> "超过到场时限";
                case RESOLVE -> "超过办结时限";
                case REPORT -> "部门超过报到时限";
            };
            if (d.stage() == Stage.REPORT) {
                String dept = d.department().orElse("?");
                Incident over = IncidentDesk.record(c, i.id(), now, SYSTEM, Step.Action.OVERDUE,
                        Optional.of(dept + ": " + why));
                desk.notice(c, over, "report-overdue", "部门未按时报到：" + dept + " · " + i.id(), LadderLevel.TOWN,
                        List.of(dept));
                log.info("incident {}: department {} missed its report deadline", i.id(), dept);
            } else if (i.level().top()) {
                Incident over = IncidentDesk.record(c, i.id(), now, SYSTEM, Step.Action.OVERDUE, Optional.of(why));
                desk.notice(c, over, "overdue", "诉求超时（镇级）：" + i.id() + "（" + why + "）", LadderLevel.TOWN, List.of());
                IncidentDesk.arm(c, i.id(), d.stage(), Optional.empty(), LadderLevel.TOWN, now.plus(limits.of(d.stage())));
                log.info("incident {} overdue at the town ({})", i.id(), d.stage().wire());
            } else {
                Incident up = desk.climbIn(c, i, now, SYSTEM, why);
                IncidentDesk.arm(c, i.id(), d.stage(), Optional.empty(), up.level(), now.plus(limits.of(d.stage())));
                log.info("incident {} climbed to {} ({})", i.id(), up.level().wire(), d.stage().wire());
            }
            return Optional.of(i.stationId());
        });
    }

    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }
}
