package org.gridstation.gateway.roster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.alert.Alerts;
import org.gridstation.gateway.duty.DutyLog;
import org.gridstation.gateway.points.LedgerEntry;
import org.gridstation.gateway.points.Points;
import org.gridstation.gateway.points.PointsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** February 2027 at station s1, run by the live rules hour by hour; the ledger checked against sums done here. */
class PointsMonthTest {
    @TempDir
    Path dir;

    @Test
    void theLedgerAfterASimulatedMonth() {
        try (PlanFixture f = new PlanFixture(dir, "2027-01-31T12:00")) {
            // evening 19:00–21:30, a and b on alternate days from 1 February; late 21:30–23:30, c every day
            f.planner.putTemplate(new ShiftTemplate("eve", "s1", "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 1,
                    Set.of(), LocalDate.parse("2027-02-01"), Optional.of(LocalDate.parse("2027-02-28"))));
            f.planner.putRotation(new Rotation("eve", LocalDate.parse("2027-02-01"), 1, List.of(List.of("a"), List.of("b"))));
            f.planner.putTemplate(new ShiftTemplate("late", "s1", "晚班", LocalTime.of(21, 30), LocalTime.of(23, 30), 1,
                    Set.of(), LocalDate.parse("2027-02-01"), Optional.of(LocalDate.parse("2027-02-28"))));
            f.planner.putRotation(new Rotation("late", LocalDate.parse("2027-02-01"), 1, List.of(List.of("c"))));
            f.planner.generate(f.town.today(), LocalDate.parse("2027-03-02"));

            RosterRulesTest sessions = new RosterRulesTest();
            Alerts alerts = new Alerts(f.db, f.clock);
            Points points = new Points(f.db, f.town, f.clock);
            RosterRules rules = new RosterRules(f.db, f.town, new DutyLog(f.db), new DutyFlags(f.db), alerts, points, f.clock,
                    n -> { }, c -> { });
            for (int day = 1; day <= 28; day++) {
                String d = "2027-02-%02d".formatted(day);
                if (day % 2 == 1) {
                    sessions.session(f.db, "s1", "a", "ba", d + "T18:55", d + "T21:31");
                } else if (day % 4 == 0) {
                    sessions.session(f.db, "s1", "b", "bb", d + "T19:20", d + "T21:30");
                }
                sessions.session(f.db, "s1", "c", "bc", d + "T21:25", day == 14 ? null : d + "T23:35");
                f.clock.set(d + "T12:00");
                for (int step = 0; step < 16; step++) { // 12:00, 12:50 … 00:30 the next day and after
                    rules.run();
                    f.clock.advance(Duration.ofMinutes(50));
                }
            }
            f.clock.set("2027-03-01T02:00");
            rules.run();

            // computed here: a 14 evenings × 2.5 h × 10
            BigDecimal a = new BigDecimal("25.00").multiply(BigDecimal.valueOf(14));
            // b 14 evenings scheduled; came on the 4th, 8th … 28th at 19:20 (2 h 10 min = 21.67), missed 7 (−20 each)
            BigDecimal b = new BigDecimal("21.67").multiply(BigDecimal.valueOf(7)).add(new BigDecimal("-20").multiply(BigDecimal.valueOf(7)));
            // c 28 late shifts: 21:30–22:00 by day, 22:00–23:30 at night × 1.5: (0.5 + 1.5 × 1.5) × 10 = 27.5;
            // on the 14th c forgot to badge out, closed at 00:30, still counted only to the shift's end
            BigDecimal c = new BigDecimal("27.50").multiply(BigDecimal.valueOf(28));
            assertEquals(0, a.compareTo(points.balance("a")), "a: " + points.balance("a"));
            assertEquals(0, b.compareTo(points.balance("b")), "b: " + points.balance("b"));
            assertEquals(0, c.compareTo(points.balance("c")), "c: " + points.balance("c"));

            List<LedgerEntry> feb = points.month(YearMonth.of(2027, 2));
            assertEquals(14 + 7 + 7 + 28, feb.size());
            assertTrue(feb.stream().allMatch(e -> !e.reason().isBlank() && !e.ref().isBlank()));
            assertEquals(7, feb.stream().filter(e -> e.rule().equals("no-show")).count());

            // the ledger only grows: booking a shift again changes nothing
            rules.run();
            assertEquals(feb.size(), points.month(YearMonth.of(2027, 2)).size());
            assertTrue(points.award("a", "incident-handled", "处理噪音纠纷", "inc-1").isPresent());
            assertTrue(points.award("a", "incident-handled", "处理噪音纠纷", "inc-1").isEmpty());

            PointsReport report = new PointsReport(points, f.town);
            List<PointsReport.PersonRank> ranking = report.people(YearMonth.of(2027, 2), "v1", "zh");
            assertEquals(List.of("c", "a", "b"), ranking.subList(0, 3).stream().map(PointsReport.PersonRank::personId).toList());
            assertEquals(List.of(1, 2, 3, 4, 4, 4, 4), ranking.stream().map(PointsReport.PersonRank::rank).toList());
            assertEquals("v1", report.grids(YearMonth.of(2027, 2), "town").get(0).gridId());

            byte[] csv = report.csv(YearMonth.of(2027, 2));
            assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(csv, 3), "BOM for Excel");
            String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
            assertEquals(1 + 14 + 7 + 7 + 28, lines.length, "header and February's entries (the award, booked on 1 March, counts for March)");
            assertEquals("\"序号\",\"时间\",\"人员编号\",\"姓名\",\"网格\",\"规则\",\"积分\",\"事由\",\"关联\"", lines[0]);
            assertTrue(Arrays.stream(lines).anyMatch(l -> l.contains("\"no-show\",\"-20.00\",\"缺勤 和兴村党群服务站 夜间值班 2027-02-02 19:00–21:30\"")),
                    String.join("\n", Arrays.copyOf(lines, 5)));
        }
    }
}
