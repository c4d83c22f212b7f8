package org.gridstation.gateway.roster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.MutableClock;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Role;

/**
 * A small town on a real SQLite file for the roster tests: a town grid, village {@code v1} with
 * station {@code s1} and its chief {@code chief}, an area {@code v1-a} with leader {@code lead}
 * and volunteers {@code a}…{@code e}; village {@code v2} with station {@code s2} and {@code f}.
 */
final class PlanFixture implements AutoCloseable {
    final MutableClock clock;
    final Database db;
    final Town town;
    final RosterStore store;
    final RosterPlanner planner;
    final Swaps swaps;

    PlanFixture(Path dir, String localNow) {
        clock = MutableClock.at(localNow);
        db = TestStores.open(dir);
        db.start();
        town = new Town(db, MutableClock.SHANGHAI, "青溪镇", clock);
        town.addGrid("town", Optional.empty(), "青溪镇");
        town.addGrid("v1", Optional.of("town"), "和兴村");
        town.addGrid("v1-a", Optional.of("v1"), "和兴村第一片区");
        town.addGrid("v2", Optional.of("town"), "丰收村");
        town.addStation("s1", "和兴村党群服务站", "v1", List.of());
        town.addStation("s2", "丰收村党群服务站", "v2", List.of());
        town.addPerson("chief", "王建国", Role.GRID_CHIEF, "v1", Optional.empty(), Optional.empty());
        town.addPerson("lead", "李秀英", Role.SUBGRID_LEADER, "v1-a", Optional.empty(), Optional.empty());
        for (String p : List.of("a", "b", "c", "d", "e")) {
            town.addPerson(p, "志愿者" + p, Role.VOLUNTEER, "v1-a", Optional.empty(), Optional.empty());
        }
        town.addPerson("f", "丰收志愿者", Role.VOLUNTEER, "v2", Optional.empty(), Optional.empty());
        store = new RosterStore(db);
        planner = new RosterPlanner(town, store, clock);
        swaps = new Swaps(town, store, planner, clock);
    }

    /** The people on the shift {@code templateId} generates on {@code date}, or null if it has none. */
    List<String> on(String templateId, String date) {
        return town.shift(templateId + "-" + date.replace("-", "")).map(s -> s.personIds()).orElse(null);
    }

    @Override
    public void close() {
        db.close();
    }
}
