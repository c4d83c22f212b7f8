package org.gridstation.gateway.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridstation.gateway.town.Shift;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterPlannerTest {
    @TempDir
    Path dir;

    private static ShiftTemplate nightly(String id, String station, String from) {
        return new ShiftTemplate(id, station, "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 2, Set.of(),
                LocalDate.parse(from), Optional.empty());
    }

    @Test
    void dailyRotation_continuesAcrossJanuary31AndFebruary28() {
        try (PlanFixture f = new PlanFixture(dir, "2027-01-25T08:00")) {
            f.planner.putTemplate(nightly("night", "s1", "2027-01-25"));
            // anchor Friday 29 January: a, b, c, a, b, c …
            f.planner.putRotation(new Rotation("night", LocalDate.parse("2027-01-29"), 1,
                    List.of(List.of("a"), List.of("b"), List.of("c"))));
            RosterPlanner.Generation g = f.planner.generate(LocalDate.parse("2027-01-25"), LocalDate.parse("2027-03-02"));
            assertEquals(37, g.written());

            assertEquals(List.of("c"), f.on("night", "2027-01-25"), "four days before the anchor: turn -4 mod 3 = 2");
            assertEquals(List.of("a"), f.on("night", "2027-01-29"));
            assertEquals(List.of("c"), f.on("night", "2027-01-31"));
            assertEquals(List.of("a"), f.on("night", "2027-02-01"));
            assertEquals(List.of("a"), f.on("night", "2027-02-28")); // 30 days after the anchor
            assertEquals(List.of("b"), f.on("night", "2027-03-01"));
            assertEquals(List.of("c"), f.on("night", "2027-03-02"));

            Shift jan31 = f.town.shift("night-20270131").orElseThrow();
            assertEquals(LocalDate.parse("2027-01-31"), jan31.localDate());
            assertEquals(Instant.parse("2027-01-31T11:00:00Z"), jan31.start());
            assertEquals(Instant.parse("2027-01-31T13:30:00Z"), jan31.end());
        }
    }

    @Test
    void weeklyTurns_inALeapYear_handOverOnMondays() {
        try (PlanFixture f = new PlanFixture(dir, "2028-02-20T08:00")) {
            f.planner.putTemplate(nightly("night", "s1", "2028-02-21"));
            // Monday 21 February 2028: a and b for a week, then c and d for a week
            f.planner.putRotation(new Rotation("night", LocalDate.parse("2028-02-21"), 7,
                    List.of(List.of("a", "b"), List.of("c", "d"))));
            f.planner.generate(LocalDate.parse("2028-02-21"), LocalDate.parse("2028-03-13"));
            assertEquals(List.of("a", "b"), f.on("night", "2028-02-27"));
            assertEquals(List.of("c", "d"), f.on("night", "2028-02-28"));
            assertEquals(List.of("c", "d"), f.on("night", "2028-02-29"));
            assertEquals(List.of("c", "d"), f.on("night", "2028-03-05"));
            assertEquals(List.of("a", "b"), f.on("night", "2028-03-06"));
            assertEquals(List.of("c", "d"), f.on("night", "2028-03-13"));
        }
    }

    @Test
    void nightShiftPastMidnight_endsTheNextMorning_acrossLeapDayAndNewYear() {
        try (PlanFixture f = new PlanFixture(dir, "2027-12-30T08:00")) {
            f.planner.putTemplate(new ShiftTemplate("late", "s1", "夜班", LocalTime.of(22, 0), LocalTime.of(6, 0), 1,
                    Set.of(), LocalDate.parse("2027-12-30"), Optional.empty()));
            f.planner.generate(LocalDate.parse("2027-12-30"), LocalDate.parse("2028-03-01"));
            Shift nye = f.town.shift("late-20271231").orElseThrow();
            assertEquals(LocalDate.parse("2027-12-31"), nye.localDate());
            assertEquals(Instant.parse("2027-12-31T14:00:00Z"), nye.start());
            assertEquals(Instant.parse("2027-12-31T22:00:00Z"), nye.end(), "06:00 on 1 January 2028 in Shanghai");
            Shift feb28 = f.town.shift("late-20280228").orElseThrow();
            assertEquals(Instant.parse("2028-02-28T22:00:00Z"), feb28.end(), "06:00 on 29 February");
            Shift feb29 = f.town.shift("late-20280229").orElseThrow();
            assertEquals(Instant.parse("2028-02-29T14:00:00Z"), feb29.start());
            assertEquals(Instant.parse("2028-02-29T22:00:00Z"), feb29.end(), "06:00 on 1 March");
            assertEquals(1, f.town.shiftsOn(LocalDate.parse("2028-02-29")).size(), "the shift belongs to the day it starts");
        }
    }

    @Test
    void weekdaysOnly_receptionDayOnThursdays() {
        try (PlanFixture f = new PlanFixture(dir, "2027-01-25T08:00")) {
            f.planner.putTemplate(new ShiftTemplate("reception", "s1", "接待日", LocalTime.of(9, 0), LocalTime.of(11, 30), 1,
                    Set.of(DayOfWeek.THURSDAY), LocalDate.parse("2027-01-25"), Optional.of(LocalDate.parse("2027-02-18"))));
            f.planner.putRotation(new Rotation("reception", LocalDate.parse("2027-01-25"), 1, List.of(List.of("lead"))));
            RosterPlanner.Generation g = f.planner.generate(LocalDate.parse("2027-01-25"), LocalDate.parse("2027-03-01"));
            assertEquals(4, g.written(), "28 Jan, 4, 11 and 18 Feb");
            assertEquals(List.of("lead"), f.on("reception", "2027-02-04"));
            assertNull(f.on("reception", "2027-02-05"));
            assertNull(f.on("reception", "2027-02-25"), "after validUntil");
        }
    }

    @Test
    void generatingAgain_writesNothing_andChangesOnlyWhatThePlanChanged() {
        try (PlanFixture f = new PlanFixture(dir, "2027-01-25T08:00")) {
            f.planner.putTemplate(nightly("night", "s1", "2027-01-25"));
            f.planner.putRotation(new Rotation("night", LocalDate.parse("2027-01-25"), 1, List.of(List.of("a", "b"), List.of("c", "d"))));
            f.planner.generate(LocalDate.parse("2027-01-25"), LocalDate.parse("2027-02-07"));
            RosterPlanner.Generation again = f.planner.generate(LocalDate.parse("2027-01-25"), LocalDate.parse("2027-02-07"));
            assertEquals(0, again.written());
            assertEquals(14, again.unchanged());

            // leave for b on 27 January: b leaves that shift only, the gap shows (1 of 2)
            f.planner.putLeave(new Leave("l1", "b", LocalDate.parse("2027-01-27"), LocalDate.parse("2027-01-27"), Optional.of("病假")));
            assertEquals(List.of("a"), f.on("night", "2027-01-27"));
            assertEquals(2, f.town.shift("night-20270127").orElseThrow().required());
            assertEquals(List.of("a", "b"), f.on("night", "2027-01-29"));

            // one-off override: 1 February cancelled, 3 February (c and d) e added and d removed, needs 3
            f.planner.putOverride(new DayOverride("night", LocalDate.parse("2027-02-01"), true, Optional.empty(), List.of(),
                    List.of(), Optional.of("停电")));
            f.planner.putOverride(new DayOverride("night", LocalDate.parse("2027-02-03"), false, Optional.of(3), List.of("e"),
                    List.of("d"), Optional.empty()));
            assertNull(f.on("night", "2027-02-01"));
            assertEquals(List.of("c", "e"), f.on("night", "2027-02-03"));
            assertEquals(3, f.town.shift("night-20270203").orElseThrow().required());

            f.planner.deleteLeave("l1");
            f.planner.deleteOverride("night", LocalDate.parse("2027-02-01"));
            assertEquals(List.of("a", "b"), f.on("night", "2027-01-27"));
            assertEquals(List.of("c", "d"), f.on("night", "2027-02-01"));
        }
    }

    @Test
    void pastShiftsAreHistory() {
        try (PlanFixture f = new PlanFixture(dir, "2027-02-01T08:00")) {
            f.planner.putTemplate(nightly("night", "s1", "2027-01-01"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.planner.generate(LocalDate.parse("2027-01-31"), LocalDate.parse("2027-02-02")));
            assertEquals("past shifts are history: from must be today or later", e.getMessage());
        }
    }
}
