package org.gridstation.gateway.stats;

import java.time.ZoneId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the dirty {@link MonthCells} every few seconds, a few at a time, so the reports find
 * them clean. Every instance may run it: each cell is recomputed in one write transaction, and
 * writes are serialised, so two instances only repeat each other's work.
 */
public final class MonthCellsRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonthCellsRefresher.class);
    /** Cells per write transaction: a short hold of the store's one writer. */
    private static final int BATCH = 20;
    /** Write transactions per pass at most; what is left waits for the next pass. */
    private static final int BATCHES_PER_PASS = 10;

    private final Database db;
    private final ZoneId zone;
    private final ScheduledExecutorService exec = BackgroundThreads.single("stats-cells");

    public MonthCellsRefresher(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public void start() {
        exec.scheduleWithFixedDelay(this::pass, 2, 2, TimeUnit.SECONDS);
    }

    private void pass() {
        try {
            for (int k = 0; k < BATCHES_PER_PASS && MonthCells.refreshDirty(db, zone, BATCH) == BATCH; k++) {
                // more are dirty: another batch
            }
        } catch (RuntimeException e) {
            log.warn("statistics cells refresh failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }
}
