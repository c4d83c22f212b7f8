package org.gridstation.gateway.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridstation.gateway.town.Grid;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.ticket.LadderLevel;

/**
 * Which grids of the tree answer for an incident at each rung of the ladder. The tree is town
 * (depth 0) → village (1) → area (2) → service team (3); a station hangs on one grid. A rung at or
 * above the station's grid is that grid's ancestor at the rung's depth; a rung below it is every
 * grid at that depth under the station's grid (a village station's area grids and teams).
 */
public final class LadderGrids {
    private record Key(String gridId, LadderLevel level) {
    }

    private final Town town;
    /** Answers remembered on this thread while a batch runs (see {@link #remember}); else null. */
    private final ThreadLocal<java.util.Map<Key, List<String>>> batch = new ThreadLocal<>();

    public LadderGrids(Town town) {
        this.town = town;
    }

    /** The depth of the grid tree a rung stands for. */
    static int depth(LadderLevel level) {
        return switch (level) {
            case TOWN -> 0;
            case VILLAGE -> 1;
            case AREA -> 2;
            case TEAM -> 3;
        };
    }

    /**
     * Until {@link #forget}, this thread remembers each answer: one ingest batch opens an incident
     * every few events, and reading the grid chain and the grids below it for each cost a sixth of
     * the writer's time in a county burst. The batch then routes by the tree as it was when the
     * batch began, as if the batch had read it once.
     */
    void remember() {
        if (batch.get() == null) {
            batch.set(new java.util.HashMap<>());
        }
    }

    /** Stops remembering on this thread (the batch committed or rolled back). */
    void forget() {
        batch.remove();
    }

    /** The grids answering at {@code level} for an incident in {@code gridId}; empty if the grid is unknown. */
    public List<String> targets(Optional<String> gridId, LadderLevel level) {
        if (gridId.isEmpty()) {
            return List.of();
        }
        java.util.Map<Key, List<String>> remembered = batch.get();
        if (remembered == null) {
            return read(gridId.get(), level);
        }
        Key key = new Key(gridId.get(), level);
        List<String> known = remembered.get(key);
        if (known == null) {
            known = read(gridId.get(), level);
            remembered.put(key, known);
        }
        return known;
    }

    private List<String> read(String gridId, LadderLevel level) {
        List<Grid> chain = town.gridChain(gridId);
        if (chain.isEmpty()) {
            return List.of();
        }
        int depth = depth(level);
        Grid own = chain.get(chain.size() - 1);
        if (depth <= own.level()) {
            return chain.stream().filter(g -> g.level() == depth).map(Grid::id).toList();
        }
        // walk down from the station's grid: reading the whole tree per incident (and searching it
        // for each ancestor) cost a county's ingest most of its time
        List<String> out = new ArrayList<>();
        java.util.ArrayDeque<Grid> below = new java.util.ArrayDeque<>(List.of(own));
        while (!below.isEmpty()) {
            for (Grid g : town.children(below.pop().id())) {
                if (g.level() == depth) {
                    out.add(g.id());
                } else if (g.level() < depth) {
                    below.push(g);
                }
            }
        }
        java.util.Collections.sort(out);
        return out.isEmpty() ? List.of(own.id()) : out;
    }
}
