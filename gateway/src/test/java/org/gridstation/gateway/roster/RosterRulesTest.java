package org.gridstation.gateway.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gridstation.gateway.MutableClock;
import org.gridstation.gateway.alert.Alert;
import org.gridstation.gateway.alert.AlertKind;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.points.LedgerEntry;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live rules on a hand-moved clock. Duty sessions are written to the store as the duty
 * projection writes them (the functional test drives the same path through MQTT).
 */
class RosterRulesTest {
    @TempDir
    Path dir;

    private final List<NoShow> noShows = new ArrayList<>();
    private final List<BadgeConflict> conflicts = new ArrayList<>();
    private int seq;

    private RosterRules rules(PlanFixture f, Alerts alerts, Points points) {
        return new RosterRules(f.db, f.town, new DutyLog(f.db), new DutyFlags(f.db), alerts, points, f.clock,
                noShows::add, conflicts::add);
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(MutableClock.SHANGHAI).toInstant();
    }

    /** A session as the duty projection stores it; {@code out} null while on duty. */
    void session(Database db, String station, String person, String badge, String in, String out) {
        int s = ++seq;
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO duty_sessions(station_id, person_id, badge_id, shift_id, scheduled, in_event_id, in_seq, in_at,
                    in_device_time, out_event_id, out_seq, out_at) VALUES (?,?,?,NULL,1,?,?,?,?,?,?,?)""")) {
                ps.setString(1, station);
                ps.setString(2, person);
                ps.setString(3, badge);
                ps.setString(4, "e" + s);
                ps.setInt(5, s);
                ps.setLong(6, at(in).toEpochMilli());
                ps.setLong(7, at(in).toEpochMilli());
                ps.setString(8, out == null ? null : "o" + s);
                ps.setObject(9, out == null ? null : s + 1000);
                ps.setObject(10, out == null ? null : at(out).toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    void checkOut(Database db, String station, String person, String out) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE duty_sessions SET out_at=?, out_event_id='out', out_seq=99999 WHERE station_id=? AND person_id=? AND out_at IS NULL")) {
                ps.setLong(1, at(out).toEpochMilli());
                ps.setString(2, station);
                ps.setString(3, person);
                return ps.executeUpdate();
            }
        });
    }

    private static PlanFixture nightly(Path dir, String now, String from, List<List<String>> turns) {
        PlanFixture f = new PlanFixture(dir, now);
        f.planner.putTemplate(new ShiftTemplate("night", "s1", "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 2,
                Set.of(), LocalDate.parse(from), Optional.empty()));
        f.planner.putRotation(new Rotation("night", LocalDate.parse(from), 1, turns));
        f.planner.generate(f.town.today(), f.town.today().plusDays(40));
        return f;
    }

    @Test
    void unstaffedAtStartPlusGrace_raisesOneAlertAndOneNoShow_evenAcrossARestart() {
        try (PlanFixture f = nightly(dir, "2027-01-31T12:00", "2027-01-31", List.of(List.of("a", "b")))) {
            Alerts alerts = new Alerts(f.db, f.clock);
            Points points = new Points(f.db, f.town, f.clock);
            session(f.db, "s1", "a", "ba", "2027-01-31T18:20", null); // before the window opens at 18:30

            f.clock.set("2027-01-31T19:09:59");
            rules(f, alerts, points).run();
            assertTrue(alerts.list(true, Optional.empty(), Optional.empty(), 10).isEmpty(), "grace not over");

            f.clock.set("2027-01-31T19:10");
            rules(f, alerts, points).run();
            rules(f, alerts, points).run(); // again, and as after a restart
            assertEquals(List.of(new NoShow("s1", "v1", "night-20270131", 2, 1, at("2027-01-31T19:10"))), noShows);
            List<Alert> open = alerts.list(true, Optional.empty(), Optional.of(AlertKind.UNSTAFFED), 10);
            assertEquals(1, open.size());
            assertEquals("和兴村党群服务站 夜间值班 2027-01-31 19:00 应到 2 人，19:10 时实到 1 人", open.get(0).message());
            assertEquals(Optional.of("v1"), open.get(0).gridId());

            // an extra volunteer comes: the station is staffed again and the alert clears
            session(f.db, "s1", "c", "bc", "2027-01-31T19:15", null);
            f.clock.set("2027-01-31T19:16");
            rules(f, alerts, points).run();
            assertTrue(alerts.list(true, Optional.empty(), Optional.of(AlertKind.UNSTAFFED), 10).isEmpty());
            assertEquals(1, noShows.size());

            checkOut(f.db, "s1", "c", "2027-01-31T21:00");
            // at the end: a early, b no-show (and 20 points off), c unscheduled so not late
            f.clock.set("2027-01-31T21:30");
            rules(f, alerts, points).run();
            DutyFlags flags = new DutyFlags(f.db);
            assertEquals(Map.of("a", List.of("early"), "b", List.of("no-show")), flagsByPerson(flags, "night-20270131"));
            assertEquals(new BigDecimal("-20.00"), points.balance("b"));

            // a never badged out: closed at 22:30, not before
            f.clock.set("2027-01-31T22:29:59");
            rules(f, alerts, points).run();
            assertEquals(1, new DutyLog(f.db).onDuty("s1").size());
            f.clock.set("2027-01-31T22:30");
            rules(f, alerts, points).run();
            assertEquals(0, new DutyLog(f.db).onDuty("s1").size());
            assertEquals(at("2027-01-31T22:30"), new DutyLog(f.db).overlapping("s1", at("2027-01-31T19:00"),
                    at("2027-01-31T21:30")).get(0).outAt().orElseThrow());
            assertEquals(List.of("early", "forgot-checkout"), flagsByPerson(flags, "night-20270131").get("a"));
            List<Alert> forgot = alerts.list(true, Optional.empty(), Optional.of(AlertKind.FORGOTTEN_CHECKOUT), 10);
            assertEquals(1, forgot.size());
            assertEquals(Optional.of("a"), forgot.get(0).personId());

            // duty points: a 19:00–21:30 counted within the shift (2.5 h × 10), c 19:15–21:00 (1.75 h × 10)
            assertEquals(new BigDecimal("25.00"), points.balance("a"));
            assertEquals(new BigDecimal("17.50"), points.balance("c"));
            f.clock.set("2027-01-31T23:00");
            rules(f, alerts, points).run();
            assertEquals(3, points.month(YearMonth.of(2027, 1)).size(), "nothing booked twice");
        }
    }

    @Test
    void aGatewayDownAllEvening_catchesUpOnceWhenItComesBack() {
        try (PlanFixture f = nightly(dir, "2027-02-28T12:00", "2027-02-28", List.of(List.of("a", "b")))) {
            Alerts alerts = new Alerts(f.db, f.clock);
            Points points = new Points(f.db, f.town, f.clock);
            session(f.db, "s1", "a", "ba", "2027-02-28T18:50", "2027-02-28T21:35");
            session(f.db, "s1", "b", "bb", "2027-02-28T19:25", "2027-02-28T21:30");
            f.clock.set("2027-03-01T08:00"); // the next morning, in the next month
            rules(f, alerts, points).run();
            rules(f, alerts, points).run();
            assertEquals(List.of(new NoShow("s1", "v1", "night-20270228", 2, 1, at("2027-02-28T19:10"))), noShows,
                    "at 19:10 only a was there");
            assertEquals(Map.of("b", List.of("late")), flagsByPerson(new DutyFlags(f.db), "night-20270228"));
            assertTrue(alerts.list(true, Optional.empty(), Optional.empty(), 10).isEmpty(), "cleared at the end");
            assertEquals(1, alerts.list(false, Optional.empty(), Optional.of(AlertKind.UNSTAFFED), 10).size());
            assertEquals(new BigDecimal("25.00"), points.balance("a"));
            assertEquals(new BigDecimal("20.83"), points.balance("b"), "19:25–21:30 is 2 h 05 min");
            List<LedgerEntry> feb = points.month(YearMonth.of(2027, 2));
            assertEquals(2, feb.size(), "booked in February, the shift's month");
            assertEquals("值班 和兴村党群服务站 夜间值班 2027-02-28 19:00–21:30，2 小时 5 分", feb.get(1).reason());
            assertTrue(points.month(YearMonth.of(2027, 3)).isEmpty());
        }
    }

    @Test
    void oneBadgeAtTwoStations_raisesAnAlertUntilOneSessionEnds() {
        try (PlanFixture f = new PlanFixture(dir, "2027-01-31T20:00")) {
            Alerts alerts = new Alerts(f.db, f.clock);
            Points points = new Points(f.db, f.town, f.clock);
            session(f.db, "s1", "a", "b-copied", "2027-01-31T19:00", null);
            session(f.db, "s2", "a", "b-copied", "2027-01-31T19:40", null);
            rules(f, alerts, points).run();
            rules(f, alerts, points).run();
            assertEquals(1, conflicts.size());
            assertEquals(List.of("s1", "s2"), conflicts.get(0).stationIds());
            List<Alert> open = alerts.list(true, Optional.empty(), Optional.of(AlertKind.BADGE_TWO_STATIONS), 10);
            assertEquals(1, open.size());
            assertEquals("工作证 b-copied（志愿者a）同时在 s1、s2 在岗", open.get(0).message());

            f.db.write(c -> c.createStatement().executeUpdate("UPDATE duty_sessions SET out_at=1 WHERE station_id='s2'"));
            rules(f, alerts, points).run();
            assertTrue(alerts.list(true, Optional.empty(), Optional.of(AlertKind.BADGE_TWO_STATIONS), 10).isEmpty());
            assertFalse(alerts.list(false, Optional.empty(), Optional.of(AlertKind.BADGE_TWO_STATIONS), 10).isEmpty(), "kept, cleared");
        }
    }

    private static Map<String, List<String>> flagsByPerson(DutyFlags flags, String shiftId) {
        return flags.ofShift(shiftId).stream().collect(Collectors.groupingBy(DutyFlag::personId, TreeMap::new,
                Collectors.mapping(x -> x.kind().wire(), Collectors.toList())));
    }

}
