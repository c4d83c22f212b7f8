package org.gridstation.gateway.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.testing.TestStores;
import org.gridstation.gateway.town.DemoTown;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.ticket.LadderLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ladder's grids from the tree a batch read once are those read grid by grid from the town. */
class LadderGridsTest {
    @TempDir
    Path dir;

    @Test
    void theBatchsTree_answersAsTheTownDoes_forEveryGridAndRung() {
        try (Database db = TestStores.open(dir)) {
            db.start();
            Town town = new Town(db, ZoneId.of("Asia/Shanghai"), "青溪镇");
            DemoTown.seed(town, 3);
            // a village station (its grid has areas and teams below it) beside the demo's team stations
            String village = town.grids().stream().filter(g -> g.level() == 1).findFirst().orElseThrow().id();
            town.addGrid(village + "-a9", Optional.of(village), "第九片区");
            town.addGrid(village + "-a9-t1", Optional.of(village + "-a9"), "第九片区一队");
            List<Optional<String>> grids = new ArrayList<>();
            for (Grid g : town.grids()) {
                grids.add(Optional.of(g.id()));
            }
            grids.add(Optional.of("no-such-grid"));
            grids.add(Optional.empty());

            LadderGrids live = new LadderGrids(town);
            LadderGrids batch = new LadderGrids(town);
            int compared = db.write(c -> {
                batch.remember();
                try {
                    int n = 0;
                    for (Optional<String> g : grids) {
                        for (LadderLevel level : LadderLevel.values()) {
                            List<String> expected = live.targets(g, level);
                            assertEquals(expected, batch.targets(c, g, level), g + " at " + level);
                            assertEquals(expected, batch.targets(c, g, level), g + " at " + level + ", remembered");
                            n++;
                        }
                    }
                    return n;
                } finally {
                    batch.forget();
                }
            });
            assertEquals(grids.size() * LadderLevel.values().length, compared);
            List<String> below = live.targets(Optional.of(village), LadderLevel.TEAM);
            assertTrue(below.contains(village + "-a9-t1"), "a village's rung below: its teams " + below);
            assertEquals(List.of(village + "-a9"), live.targets(Optional.of(village + "-a9-t1"), LadderLevel.AREA));
            assertEquals(List.of(), live.targets(Optional.of("no-such-grid"), LadderLevel.TOWN));
        }
    }
}
