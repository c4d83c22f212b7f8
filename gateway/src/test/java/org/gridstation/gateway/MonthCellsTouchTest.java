package org.gridstation.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.incident.Escalations;
import org.gridstation.gateway.incident.IncidentDesk;
import org.gridstation.gateway.incident.Outcome;
import org.gridstation.gateway.incident.Whistles;
import org.gridstation.gateway.stats.MonthCells;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.protocol.event.Category;
import org.gridstation.protocol.event.Rating;
import org.gridstation.protocol.event.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of change to an incident marks its statistics cell dirty: with every cell clean
 * before each change, a change that did not would leave a clean cell that no longer matches the
 * raw rows ({@link MonthCells#check}).
 */
class MonthCellsTouchTest {
    static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    @TempDir
    Path dir;

    @Test
    void everyChange_marksItsCellDirty() throws Exception {
        MutableClock clock = new MutableClock(LocalDateTime.of(2026, 11, 10, 9, 0).atZone(TOWN).toInstant());
        try (GatewayApp app = GatewayApp.start(TestSupport.config(dir), clock)) {
            String station = DemoTown.seed(app, 2).get(0);
            IncidentDesk desk = app.incidentDesk();
            Whistles whistles = new Whistles(desk);
            Escalations escalations = new Escalations(desk);
            String police = app.departments().all().get(0).id();
            Step s = new Step(app, desk, clock);

            String a = s.change("filed", () -> app.intake().file(station, Category.ENVIRONMENT, Severity.URGENT,
                    Optional.of("13800000000"), Optional.of("污水"), false, "test").id());
            String b = s.change("filed again", () -> app.intake().file(station, Category.OTHER, Severity.NORMAL,
                    Optional.empty(), Optional.empty(), false, "test").id());
            clock.set(clock.instant().plus(Duration.ofMinutes(20)));
            s.change("a deadline fired (the incident climbed)", () -> escalations.runDue());
            s.change("accepted", () -> desk.accept(a, "leader"));
            s.change("climbed by hand", () -> desk.climb(a, "leader", "需要协调"));
            s.change("whistled", () -> whistles.whistle(a, List.of(police), Optional.of(police), "centre", Optional.empty()));
            s.change("reported on site", () -> whistles.report(a, police, "officer"));
            s.change("scored", () -> whistles.score(a, police, 4, "chief"));
            s.change("on site", () -> desk.onSite(a, "member", Optional.empty()));
            s.change("resolved", () -> desk.resolve(a, "leader", "已处理"));
            s.change("merged", () -> desk.merge(b, a, "leader"));
            s.change("a duplicate rated 不满意 (its master reopened)", () -> desk.rate(b, Rating.DISSATISFIED, "villager"));
            s.change("resolved again", () -> desk.resolve(a, "leader", "已再次处理"));
            s.change("rated 满意 (closed)", () -> desk.rate(a, Rating.SATISFIED, "villager"));
            s.change("reopened", () -> desk.reopen(a, "leader", "复查"));
            s.change("closed", () -> desk.close(a, "leader", Outcome.REFERRED, Optional.of("转办")));
            assertTrue(s.compared > 10, "clean cells compared: " + s.compared);
        }
    }

    /** Cleans every cell, makes one change, and checks no clean cell differs from the raw rows. */
    private static final class Step {
        final GatewayApp app;
        final IncidentDesk desk;
        final MutableClock clock;
        int compared;

        Step(GatewayApp app, IncidentDesk desk, MutableClock clock) {
            this.app = app;
            this.desk = desk;
            this.clock = clock;
        }

        <T> T change(String what, java.util.concurrent.Callable<T> change) throws Exception {
            while (MonthCells.refreshDirty(desk.db(), TOWN, 100) > 0) {
                // all clean
            }
            clock.set(clock.instant().plus(Duration.ofMinutes(1)));
            T out = change.call();
            try (Connection c = TestStores.connect(app.config().dataDir())) {
                MonthCells.Check check = MonthCells.check(c, TOWN);
                compared += check.compared();
                assertEquals(List.of(), check.differ(), what + ": clean cells that differ from the raw rows");
            }
            return out;
        }
    }
}
