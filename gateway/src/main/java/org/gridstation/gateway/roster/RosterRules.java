package org.gridstation.gateway.roster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.alert.AlertKind;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.duty.DutySession;
import org.gridstation.gateway.points.PointRules;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Shift;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roster's live rules, run periodically on the gateway clock. For each shift:
 * <ul>
 * <li>at start + {@link #GRACE}: fewer people on duty than required → a {@code unstaffed} alert and
 * the no-show hook (once); the alert clears when enough are on duty, and at the end;</li>
 * <li>at the end: per person, {@code late} (scheduled, first check-in after start + grace), {@code early}
 * (checked in before the window opened, {@link #WINDOW} before the start), {@code no-show}
 * (scheduled, never there) with its points deduction;</li>
 * <li>at the end + {@link #CLOSE_AFTER}: sessions still open are closed at that time and flagged
 * {@code forgot-checkout} with an alert; then duty points are booked for the time on duty within
 * the shift (for someone not on the roster, only after {@link #EXTRA_MINIMUM} of it).</li>
 * </ul>
 * And on every run: one badge on duty at two stations → an alert and the conflict hook, cleared
 * when it ends. Which rule ran for which shift is stored, and every effect is keyed (alerts by
 * dedupe key, flags and points by shift and person), so a restart neither repeats nor skips
 * anything for shifts of the last {@value #LOOKBACK_DAYS} days.
 */
public final class RosterRules implements AutoCloseable {
    /** The check-in window opens this long before the start. */
    public static final Duration WINDOW = Coverage.EARLY;
    /** Arriving later than this after the start is late; fewer than required by then is unstaffed. */
    public static final Duration GRACE = Duration.ofMinutes(10);
    /** A session still open this long after the end is closed. */
    public static final Duration CLOSE_AFTER = Duration.ofHours(1);
    /** Someone not on the roster earns duty points for a shift only after this long in it. */
    public static final Duration EXTRA_MINIMUM = Duration.ofMinutes(30);
    /** How far back a run looks for shifts whose deadlines passed (e.g. while the gateway was down). */
    public static final int LOOKBACK_DAYS = 3;
    private static final Logger log = LoggerFactory.getLogger(RosterRules.class);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    private final Database db;
    private final Town town;
    private final DutyLog duty;
    private final DutyFlags flags;
    private final Alerts alerts;
    private final Points points;
    private final Clock clock;
    private final Consumer<NoShow> onNoShow;
    private final Consumer<BadgeConflict> onConflict;
    private final ScheduledExecutorService exec = BackgroundThreads.single("roster-rules");

    public RosterRules(Database db, Town town, DutyLog duty, DutyFlags flags, Alerts alerts, Points points, Clock clock,
            Consumer<NoShow> onNoShow, Consumer<BadgeConflict> onConflict) {
        this.db = db;
        this.town = town;
        this.duty = duty;
        this.flags = flags;
        this.alerts = alerts;
        this.points = points;
        this.clock = clock;
        this.onNoShow = onNoShow;
        this.onConflict = onConflict;
    }

    /**
     * Runs the scheduled passes only while {@code lease} says so: of several gateway instances on
     * one store, the one holding the scheduler lease.
     */
    public void runOnlyWhile(java.util.function.BooleanSupplier lease) {
        this.lease = lease;
    }

    private volatile java.util.function.BooleanSupplier lease = () -> true;

    /**
     * Runs {@code before} (e.g. keeping the roster generated ahead) and the rules every
     * {@code period} of real time; deadlines follow the gateway clock.
     */
    public void start(Duration period, Runnable before) {
        exec.scheduleWithFixedDelay(() -> {
            if (!lease.getAsBoolean()) {
                return;
            }
            try {
                before.run();
                run();
            } catch (RuntimeException e) {
                log.warn("roster rules failed, will retry: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over every rule whose time has come. */
    public synchronized void run() {
        Instant now = clock.instant();
        LocalDate today = town.today();
        for (LocalDate d = today.minusDays(LOOKBACK_DAYS); !d.isAfter(today); d = d.plusDays(1)) {
            for (Shift s : town.shiftsOn(d)) {
                Set<String> done = done(s.id());
                if (!now.isBefore(s.start().plus(GRACE)) && !done.contains("staffing")) {
                    staffing(s);
                } else if (done.contains("staffing") && now.isBefore(s.end())) {
                    clearIfStaffed(s);
                }
                if (!now.isBefore(s.end()) && !done.contains("attendance")) {
                    attendance(s);
                }
                if (!now.isBefore(s.end().plus(CLOSE_AFTER)) && !done.contains("close")) {
                    closeAndSettle(s, now);
                }
            }
        }
        badgeConflicts(now);
    }

    // ---- at start + grace -------------------------------------------------------------------

    private void staffing(Shift s) {
        Instant at = s.start().plus(GRACE);
        int present = people(duty.overlapping(s.stationId(), s.start(), at)).size();
        if (s.required() > 0 && present < s.required()) {
            Station st = town.station(s.stationId()).orElse(null);
            String gridId = st == null ? null : st.gridId();
            String message = "%s %s %s %s 应到 %d 人，%s 时实到 %d 人".formatted(st == null ? s.stationId() : st.name(), s.label(),
                    s.localDate(), HM.format(s.start().atZone(town.zone())), s.required(), HM.format(at.atZone(town.zone())), present);
            alerts.raise(new Alerts.Raise(AlertKind.UNSTAFFED, unstaffedKey(s), Optional.of(s.stationId()),
                    Optional.ofNullable(gridId), Optional.empty(), Optional.of(s.id()), message))
                    .ifPresent(a -> onNoShow.accept(new NoShow(s.stationId(), gridId, s.id(), s.required(), present, at)));
        }
        markDone(s.id(), "staffing");
    }

    private void clearIfStaffed(Shift s) {
        if (alerts.isOpen(unstaffedKey(s)) && people(duty.onDuty(s.stationId())).size() >= s.required()) {
            alerts.clear(unstaffedKey(s));
        }
    }

    private static String unstaffedKey(Shift s) {
        return "unstaffed:" + s.id();
    }

    // ---- at the end -------------------------------------------------------------------------

    private void attendance(Shift s) {
        Map<String, List<DutySession>> byPerson = byPerson(duty.overlapping(s.stationId(), s.start(), s.end()));
        for (Map.Entry<String, List<DutySession>> e : byPerson.entrySet()) {
            Instant first = e.getValue().get(0).inAt();
            if (first.isBefore(s.start().minus(WINDOW))) {
                flags.set(new DutyFlag(s.id(), e.getKey(), s.stationId(), DutyFlag.Kind.EARLY, first));
            }
            if (first.isAfter(s.start().plus(GRACE)) && s.personIds().contains(e.getKey())) {
                flags.set(new DutyFlag(s.id(), e.getKey(), s.stationId(), DutyFlag.Kind.LATE, first));
            }
        }
        PointRules rules = points.rules();
        for (String p : s.personIds()) {
            if (!byPerson.containsKey(p)) {
                flags.set(new DutyFlag(s.id(), p, s.stationId(), DutyFlag.Kind.NO_SHOW, s.end()));
                if (rules.noShow() != 0 && town.person(p).isPresent()) {
                    points.book(p, PointRules.NO_SHOW, Math.round(rules.noShow() * 100), "缺勤 " + describe(s), s.id(),
                            clock.instant(), YearMonth.from(s.localDate()));
                }
            }
        }
        alerts.clear(unstaffedKey(s));
        markDone(s.id(), "attendance");
    }

    // ---- at the end + 1 h -------------------------------------------------------------------

    private void closeAndSettle(Shift s, Instant now) {
        Instant closeAt = s.end().plus(CLOSE_AFTER);
        List<Shift> later = new ArrayList<>();
        for (LocalDate d = s.localDate(); !d.isAfter(s.localDate().plusDays(1)); d = d.plusDays(1)) {
            town.shiftsOn(d, s.stationId()).stream().filter(o -> o.end().isAfter(s.end())).forEach(later::add);
        }
        for (DutySession open : duty.overlapping(s.stationId(), s.start(), s.end())) {
            if (open.outAt().isPresent() || !open.inAt().isBefore(s.end()) || belongsToLater(open, s, later, closeAt)) {
                continue;
            }
            boolean closed = db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE duty_sessions SET out_at=? "
                        + "WHERE station_id=? AND person_id=? AND in_at=? AND out_at IS NULL")) {
                    ps.setLong(1, closeAt.toEpochMilli());
                    ps.setString(2, open.stationId());
                    ps.setString(3, open.personId());
                    ps.setLong(4, open.inAt().toEpochMilli());
                    return ps.executeUpdate() > 0;
                }
            });
            if (closed) {
                flags.set(new DutyFlag(s.id(), open.personId(), s.stationId(), DutyFlag.Kind.FORGOT_CHECKOUT, closeAt));
                String name = town.person(open.personId()).map(p -> p.name()).orElse(open.personId());
                alerts.raise(new Alerts.Raise(AlertKind.FORGOTTEN_CHECKOUT, "forgot:" + s.id() + ":" + open.personId(),
                        Optional.of(s.stationId()), town.station(s.stationId()).map(Station::gridId), Optional.of(open.personId()),
                        Optional.of(s.id()), name + " 未签退，已于 " + HM.format(closeAt.atZone(town.zone())) + " 自动签退（" + describe(s) + "）"));
            }
        }
        PointRules rules = points.rules();
        for (Map.Entry<String, List<DutySession>> e : byPerson(duty.overlapping(s.stationId(), s.start(), s.end())).entrySet()) {
            List<Instant[]> within = new ArrayList<>();
            for (DutySession d : e.getValue()) {
                Instant from = d.inAt().isAfter(s.start()) ? d.inAt() : s.start();
                Instant out = d.outAt().orElse(closeAt);
                if (d.outAt().isPresent() && autoClosed(d)) {
                    out = out.minus(CLOSE_AFTER); // the end of the shift it was left open in
                }
                Instant to = out.isBefore(s.end()) ? out : s.end();
                if (to.isAfter(from)) {
                    within.add(new Instant[] {from, to});
                }
            }
            long minutes = within.stream().mapToLong(iv -> Duration.between(iv[0], iv[1]).toMinutes()).sum();
            if (!s.personIds().contains(e.getKey()) && minutes < EXTRA_MINIMUM.toMinutes()) {
                continue; // arriving early for the next shift or leaving late after the previous one
            }
            long centi = Points.dutyCenti(within, rules, town.zone());
            if (centi > 0 && town.person(e.getKey()).isPresent()) {
                points.book(e.getKey(), PointRules.DUTY, centi, "值班 %s，%d 小时 %d 分".formatted(describe(s), minutes / 60, minutes % 60),
                        s.id(), now, YearMonth.from(s.localDate()));
            }
        }
        markDone(s.id(), "close");
    }

    /**
     * True if an open session is someone's duty on a later shift at the station, not a forgotten
     * badge-out of {@code s}: they are on that shift's roster, or they are not on {@code s}'s and
     * that shift's window has opened; that shift's own rule closes it if it is forgotten.
     */
    private static boolean belongsToLater(DutySession open, Shift s, List<Shift> later, Instant closeAt) {
        for (Shift o : later) {
            boolean opened = !o.start().minus(WINDOW).isAfter(closeAt);
            if (opened && (o.personIds().contains(open.personId()) || !s.personIds().contains(open.personId()))) {
                return true;
            }
        }
        return false;
    }

    /** True if the gateway closed {@code d} because its badge-out was forgotten. */
    private boolean autoClosed(DutySession d) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM roster_flags WHERE person_id=? AND station_id=? "
                    + "AND flag='forgot-checkout' AND at=?")) {
                ps.setString(1, d.personId());
                ps.setString(2, d.stationId());
                ps.setLong(3, d.outAt().orElseThrow().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // ---- every run --------------------------------------------------------------------------

    private void badgeConflicts(Instant now) {
        Map<String, TreeMap<String, DutySession>> byBadge = new LinkedHashMap<>();
        for (DutySession d : duty.onDutyEverywhere()) {
            byBadge.computeIfAbsent(d.badgeId(), b -> new TreeMap<>()).putIfAbsent(d.stationId(), d);
        }
        Set<String> current = new HashSet<>();
        for (Map.Entry<String, TreeMap<String, DutySession>> e : byBadge.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            StringBuilder key = new StringBuilder("two-stations:" + e.getKey());
            e.getValue().values().forEach(d -> key.append(':').append(d.stationId()).append('@').append(d.inAt().toEpochMilli()));
            current.add(key.toString());
            DutySession any = e.getValue().firstEntry().getValue();
            List<String> stations = new ArrayList<>(e.getValue().keySet());
            String name = town.person(any.personId()).map(p -> p.name()).orElse(any.personId());
            alerts.raise(new Alerts.Raise(AlertKind.BADGE_TWO_STATIONS, key.toString(), Optional.of(stations.get(0)),
                    town.person(any.personId()).map(p -> p.gridId()), Optional.of(any.personId()), Optional.empty(),
                    "工作证 " + e.getKey() + "（" + name + "）同时在 " + String.join("、", stations) + " 在岗"))
                    .ifPresent(a -> onConflict.accept(new BadgeConflict(e.getKey(), any.personId(), stations, now)));
        }
        for (String open : alerts.openKeys(AlertKind.BADGE_TWO_STATIONS)) {
            if (!current.contains(open)) {
                alerts.clear(open);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private String describe(Shift s) {
        String station = town.station(s.stationId()).map(Station::name).orElse(s.stationId());
        return "%s %s %s %s–%s".formatted(station, s.label(), s.localDate(), HM.format(s.start().atZone(town.zone())),
                HM.format(s.end().atZone(town.zone())));
    }

    private static Set<String> people(List<DutySession> sessions) {
        Set<String> out = new TreeSet<>();
        sessions.forEach(d -> out.add(d.personId()));
        return out;
    }

    private static Map<String, List<DutySession>> byPerson(List<DutySession> sessions) {
        Map<String, List<DutySession>> out = new LinkedHashMap<>();
        sessions.forEach(d -> out.computeIfAbsent(d.personId(), p -> new ArrayList<>()).add(d));
        return out;
    }

    private Set<String> done(String shiftId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT rule FROM roster_rule_runs WHERE shift_id=?")) {
                ps.setString(1, shiftId);
                Set<String> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private void markDone(String shiftId, String rule) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO roster_rule_runs(shift_id, rule, done_at) VALUES (?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, shiftId);
                ps.setString(2, rule);
                ps.setLong(3, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }
}
