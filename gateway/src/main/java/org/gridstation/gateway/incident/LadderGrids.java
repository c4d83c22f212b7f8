package org.gridstation.gateway.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gridstation.gateway.store.StoreException;
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
    /** The tree and answers remembered on this thread while a batch runs (see {@link #remember}); else null. */
    private final ThreadLocal<Tree> batch = new ThreadLocal<>();

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
     * Until {@link #forget}, this thread reads the grid tree on the batch's own connection, each
     * grid once ({@link #targets(Connection, Optional, LadderLevel)}), and remembers each answer:
     * one ingest batch opens an incident every few events, and reading the grid chain and the
     * grids below it for each cost a sixth of the writer's time in a county burst; reading them
     * through the town's reader connection also made the writer wait for that connection while
     * the downlinks held it. The batch routes by the tree as its transaction sees it.
     */
    void remember() {
        if (batch.get() == null) {
            batch.set(new Tree());
        }
    }

    /** Stops remembering on this thread (the batch committed or rolled back). */
    void forget() {
        batch.remove();
    }

    /**
     * As {@link #targets(Optional, LadderLevel)}; while this thread remembers, from the grids read
     * on {@code c}, each once per batch.
     */
    List<String> targets(Connection c, Optional<String> gridId, LadderLevel level) {
        Tree tree = batch.get();
        if (tree == null || gridId.isEmpty()) {
            return targets(gridId, level);
        }
        tree.c = c;
        Key key = new Key(gridId.get(), level);
        List<String> known = tree.answers.get(key);
        if (known == null) {
            known = resolve(gridId.get(), level, tree::chain, tree::children);
            tree.answers.put(key, known);
        }
        return known;
    }

    /** The grids answering at {@code level} for an incident in {@code gridId}; empty if the grid is unknown. */
    public List<String> targets(Optional<String> gridId, LadderLevel level) {
        if (gridId.isEmpty()) {
            return List.of();
        }
        return resolve(gridId.get(), level, town::gridChain, town::children);
    }

    private static List<String> resolve(String gridId, LadderLevel level, Function<String, List<Grid>> chainOf,
            Function<String, List<Grid>> childrenOf) {
        List<Grid> chain = chainOf.apply(gridId);
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
        ArrayDeque<Grid> below = new ArrayDeque<>(List.of(own));
        while (!below.isEmpty()) {
            for (Grid g : childrenOf.apply(below.pop().id())) {
                if (g.level() == depth) {
                    out.add(g.id());
                } else if (g.level() < depth) {
                    below.push(g);
                }
            }
        }
        Collections.sort(out);
        return out.isEmpty() ? List.of(own.id()) : out;
    }

    /**
     * The grid tree as one batch reads it: each grid and each grid's children read once, on the
     * batch's connection, when first needed, and the answers found in it. (Reading the whole tree
     * at the batch's first notice cost a ladder of single-event batches 2 ms per incident.)
     */
    private static final class Tree {
        private final Map<String, Optional<Grid>> grids = new HashMap<>();
        private final Map<String, List<Grid>> childrenOf = new HashMap<>();
        private final Map<Key, List<String>> answers = new HashMap<>();
        private Connection c;

        /** As {@link Town#gridChain}: the town's grid first, {@code gridId}'s last; empty if unknown. */
        List<Grid> chain(String gridId) {
            List<Grid> chain = new ArrayList<>();
            Optional<Grid> g = grid(gridId);
            while (g.isPresent() && chain.size() < 64) {
                chain.add(g.get());
                g = g.get().parentId().isPresent() ? grid(g.get().parentId().get()) : Optional.empty();
            }
            Collections.reverse(chain);
            return chain;
        }

        private Optional<Grid> grid(String id) {
            return remembered(grids, id, Town::gridIn, "reading grid ");
        }

        /** As {@link Town#children}: by id. */
        List<Grid> children(String gridId) {
            return remembered(childrenOf, gridId, Town::childrenIn, "reading the grids below ");
        }

        /** {@code memo}'s answer for {@code id}, read on the batch's connection the first time. */
        private <T> T remembered(Map<String, T> memo, String id, GridRead<T> read, String what) {
            T known = memo.get(id);
            if (known == null) {
                try {
                    known = read.apply(c, id);
                } catch (SQLException e) {
                    throw new StoreException(what + id + " failed: " + e.getMessage(), e);
                }
                memo.put(id, known);
            }
            return known;
        }
    }

    /** One of {@link Town}'s reads of the grid tree on a given connection. */
    @FunctionalInterface
    private interface GridRead<T> {
        T apply(Connection c, String id) throws SQLException;
    }
}
