package org.gridstation.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.roster.Coverage;
import org.gridstation.gateway.roster.DutyFlags;
import org.gridstation.gateway.roster.Leave;
import org.gridstation.gateway.roster.Rotation;
import org.gridstation.gateway.roster.RosterPlanner;
import org.gridstation.gateway.roster.RosterRules;
import org.gridstation.gateway.roster.RosterStore;
import org.gridstation.gateway.roster.ShiftTemplate;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;

/**
 * Measures the roster on the gateway's real SQLite store (synchronous=FULL): generating four
 * weeks for N stations (each a nightly shift of 2 from a rotation of 4 pairs), generating again
 * with nothing changed, one leave (which regenerates everything ahead), the 14-day gap report,
 * tonight's board and one pass of the live rules over three days of shifts.
 */
final class RosterBenchmark {
    private final Path data;
    private final int stations;

    RosterBenchmark(Path data, int stations) {
        this.data = data;
        this.stations = stations;
    }

    String run() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        try (Database db = Database.sqlite(data.resolve("gateway.db"))) {
            db.start();
            Town town = new Town(db, zone, "基准镇", clock);
            long t0 = System.nanoTime();
            town.addGrid("county", Optional.empty(), "基准县");
            List<String> firstVolunteers = new ArrayList<>();
            for (int s = 0; s < stations; s++) {
                String v = "v" + s;
                town.addGrid(v, Optional.of("county"), "村" + s);
                town.addStation(v + "-station", "村" + s + "党群服务站", v, List.of());
                for (int p = 0; p < 8; p++) {
                    town.addPerson(v + "-p" + p, "志愿者" + s + "-" + p, Role.VOLUNTEER, v, Optional.empty(), Optional.empty());
                }
                firstVolunteers.add(v + "-p0");
            }
            double seedMs = ms(t0);
            RosterStore store = new RosterStore(db);
            RosterPlanner planner = new RosterPlanner(town, store, clock);
            LocalDate today = town.today();
            for (int s = 0; s < stations; s++) {
                String v = "v" + s;
                planner.putTemplate(new ShiftTemplate(v + "-night", v + "-station", "夜间值班", LocalTime.of(19, 0),
                        LocalTime.of(21, 30), 2, Set.of(), today, Optional.empty()));
                planner.putRotation(new Rotation(v + "-night", today, 1, List.of(List.of(v + "-p0", v + "-p1"),
                        List.of(v + "-p2", v + "-p3"), List.of(v + "-p4", v + "-p5"), List.of(v + "-p6", v + "-p7"))));
            }
            LocalDate last = today.plusDays(RosterPlanner.DEFAULT_DAYS - 1);
            long t1 = System.nanoTime();
            RosterPlanner.Generation first = planner.generate(today, last);
            double generateMs = ms(t1);
            long t2 = System.nanoTime();
            planner.generate(today, last);
            double againMs = ms(t2);
            long t3 = System.nanoTime();
            planner.putLeave(new Leave("bench-leave", firstVolunteers.get(0), today.plusDays(4), today.plusDays(4), Optional.empty()));
            double leaveMs = ms(t3);
            Coverage coverage = new Coverage(town, new DutyLog(db));
            long t4 = System.nanoTime();
            coverage.gaps(today, 14);
            double gapsMs = ms(t4);
            long t5 = System.nanoTime();
            coverage.tonight(Instant.now(), "zh");
            double tonightMs = ms(t5);
            RosterRules rules = new RosterRules(db, town, new DutyLog(db), new DutyFlags(db), new Alerts(db, clock),
                    new Points(db, town, clock), clock, n -> { }, c -> { });
            long t6 = System.nanoTime();
            rules.run();
            double rulesMs = ms(t6);
            long t7 = System.nanoTime();
            rules.run();
            double rulesAgainMs = ms(t7);
            return String.format("""
                    GridStation roster benchmark (%d stations, 8 volunteers each, one nightly shift of 2; SQLite synchronous=FULL)
                      seeding the directory (%d people, one transaction each): %.0f ms
                      generate 28 days (%d shifts, one transaction):          %.0f ms
                      generate again, nothing changed:                        %.0f ms
                      one leave (regenerates the 28 days):                    %.0f ms
                      gap report, 14 days:                                    %.0f ms
                      tonight's board:                                        %.0f ms
                      live rules, first pass (today's shifts due):            %.0f ms
                      live rules, next pass (nothing due):                    %.0f ms
                    """, stations, stations * 8, seedMs, first.written(), generateMs, againMs, leaveMs, gapsMs, tonightMs,
                    rulesMs, rulesAgainMs);
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
