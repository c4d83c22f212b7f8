package org.gridstation.gateway.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapsTest {
    @TempDir
    Path dir;

    /** a on odd turns, b on even: a on 31 January, b on 1 February (anchor 29 January = a). */
    private static PlanFixture alternating(Path dir, String now) {
        PlanFixture f = new PlanFixture(dir, now);
        f.planner.putTemplate(new ShiftTemplate("night", "s1", "夜间值班", LocalTime.of(19, 0), LocalTime.of(21, 30), 1,
                Set.of(), LocalDate.parse("2027-01-25"), Optional.empty()));
        f.planner.putRotation(new Rotation("night", LocalDate.parse("2027-01-29"), 1, List.of(List.of("a"), List.of("b"))));
        f.planner.generate(f.town.today(), LocalDate.parse("2027-02-04"));
        return f;
    }

    @Test
    void exchangeAcrossTheMonthEnd_changesTheRosterOnlyWhenTheLeaderApproves() {
        try (PlanFixture f = alternating(dir, "2027-01-28T10:00")) {
            assertEquals(List.of("a"), f.on("night", "2027-01-31"));
            assertEquals(List.of("b"), f.on("night", "2027-02-01"));

            Swap offered = f.swaps.offer("night-20270131", "a", Optional.of("家里有事"));
            Swap taken = f.swaps.take(offered.id(), "b", Optional.of("night-20270201"));
            assertEquals(Swap.Status.TAKEN, taken.status());
            assertEquals(List.of("a"), f.on("night", "2027-01-31"), "not before approval");
            assertEquals(List.of("b"), f.on("night", "2027-02-01"));

            Swaps.ConflictException notLeader = assertThrows(Swaps.ConflictException.class,
                    () -> f.swaps.approve(offered.id(), "c"));
            assertEquals("c is not a grid leader of station s1", notLeader.getMessage());

            Swap approved = f.swaps.approve(offered.id(), "lead");
            assertEquals(Swap.Status.APPROVED, approved.status());
            assertEquals(Optional.of("lead"), approved.decidedBy());
            assertEquals(List.of("b"), f.on("night", "2027-01-31"));
            assertEquals(List.of("a"), f.on("night", "2027-02-01"));
            assertEquals(List.of("a"), f.on("night", "2027-02-02"), "the rotation goes on as before");
            assertEquals(List.of("b"), f.on("night", "2027-02-03"));

            // the swap survives regenerating after another plan change
            f.planner.putLeave(new Leave("l1", "c", LocalDate.parse("2027-02-02"), LocalDate.parse("2027-02-02"), Optional.empty()));
            assertEquals(List.of("b"), f.on("night", "2027-01-31"));
            assertEquals(List.of("a"), f.on("night", "2027-02-01"));
        }
    }

    @Test
    void oneWayCover_acrossFebruary28() {
        try (PlanFixture f = new PlanFixture(dir, "2027-02-27T10:00")) {
            f.planner.putTemplate(new ShiftTemplate("night", "s1", "夜间值班", LocalTime.of(22, 0), LocalTime.of(6, 0), 1,
                    Set.of(), LocalDate.parse("2027-02-27"), Optional.empty()));
            f.planner.putRotation(new Rotation("night", LocalDate.parse("2027-02-27"), 1, List.of(List.of("a"), List.of("b"))));
            f.planner.generate(LocalDate.parse("2027-02-27"), LocalDate.parse("2027-03-02"));
            assertEquals(List.of("b"), f.on("night", "2027-02-28"));
            Swap s = f.swaps.offer("night-20270228", "b", Optional.empty());
            f.swaps.take(s.id(), "d", Optional.empty());
            f.swaps.approve(s.id(), "chief");
            assertEquals(List.of("d"), f.on("night", "2027-02-28"));
            assertEquals(List.of("a"), f.on("night", "2027-03-01"));
        }
    }

    @Test
    void refusals_sayWhy_andChangeNothing() {
        try (PlanFixture f = alternating(dir, "2027-01-31T19:05")) {
            Swaps.ConflictException started = assertThrows(Swaps.ConflictException.class,
                    () -> f.swaps.offer("night-20270131", "a", Optional.empty()));
            assertEquals("shift night-20270131 has already started", started.getMessage());
            assertEquals("c is not on shift night-20270201", assertThrows(Swaps.ConflictException.class,
                    () -> f.swaps.offer("night-20270201", "c", Optional.empty())).getMessage());

            Swap s = f.swaps.offer("night-20270201", "b", Optional.empty());
            assertEquals("the offerer cannot take their own swap", assertThrows(Swaps.ConflictException.class,
                    () -> f.swaps.take(s.id(), "b", Optional.empty())).getMessage());
            f.planner.putLeave(new Leave("away", "c", LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-03"), Optional.empty()));
            assertEquals("c is on leave on 2027-02-01", assertThrows(Swaps.ConflictException.class,
                    () -> f.swaps.take(s.id(), "c", Optional.empty())).getMessage());
            assertEquals("swap " + s.id() + " is offered, only a taken swap can be approved",
                    assertThrows(Swaps.ConflictException.class, () -> f.swaps.approve(s.id(), "lead")).getMessage());

            f.swaps.take(s.id(), "d", Optional.empty());
            Swap rejected = f.swaps.reject(s.id(), "chief");
            assertEquals(Swap.Status.REJECTED, rejected.status());
            assertEquals(List.of("b"), f.on("night", "2027-02-01"));
            assertThrows(Swaps.ConflictException.class, () -> f.swaps.approve(s.id(), "chief"));
        }
    }
}
