package org.gridstation.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.StoreException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the projections (duty sessions, incidents and their ladder, notices, month cells) to
 * stored events, behind the acknowledgement. The {@link EventWriter} stores an event and its row in
 * {@code projection_queue} in one transaction and acknowledges it; this class takes the queue's
 * oldest rows, deletes them and applies the projections to their events, all in another
 * transaction, so every stored event is projected exactly once, by whichever gateway instance
 * takes it (writes are serialised across instances), also after a crash or a restart.
 *
 * <p>Runs on the writer's thread, between its batches. It keeps the events it was handed by
 * {@link #stored} (up to {@value #MAX_REMEMBERED}) so that it need not parse them again from the
 * store; an event it does not have (stored before a restart, by another instance, or beyond that
 * bound) is read back from {@code events}.
 */
final class Projector {
    /**
     * Events kept in memory for their projection, at most (about 0.5 KB each): with the intake's
     * {@link EventWriter#MAX_PENDING} that stays inside the deployed heap of 512 MB; beyond it an
     * event is parsed again from the store, a few microseconds against the tens its projections take.
     */
    static final int MAX_REMEMBERED = 100_000;
    static final int MIN_BATCH = 100;
    static final int MAX_BATCH = 5000;
    /** Batches at least this large measure the rate. */
    static final int RATE_SAMPLE_MIN = 200;
    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final Comparator<Received> STATION_SEQ = Comparator
            .comparing((Received r) -> r.event().stationId()).thenComparingLong(r -> r.event().seq());

    private final Database db;
    private final List<Projection> projections;
    private final IngestCounters counters;
    /** Events stored by this instance and not yet projected, by id (writer thread only). */
    private final Map<UUID, Received> remembered = new HashMap<>();
    /** Events waiting in the queue as far as this instance knows. */
    private volatile long waiting;
    /** Events per second projected in a full batch (0 until measured; writer thread only). */
    private double rate;

    Projector(Database db, List<Projection> projections, IngestCounters counters) {
        this.db = db;
        this.projections = List.copyOf(projections);
        this.counters = counters;
    }

    /** Reads how many events wait in the store's queue (stored before a restart, or by another instance). */
    long recount() {
        long n = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM projection_queue");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
        waiting = n;
        return n;
    }

    /** Whether another instance's (or a crashed run's) events wait in the queue: a cheap read for an idle writer. */
    boolean queueHasRows() {
        boolean any = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM projection_queue LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (any && waiting == 0) {
            waiting = 1;
        }
        return any;
    }

    /** Events stored, as this instance knows, and not yet projected. */
    long waiting() {
        return waiting;
    }

    /** The writer stored these new events (their queue rows committed with them). */
    void stored(List<Received> fresh) {
        for (Received r : fresh) {
            if (remembered.size() >= MAX_REMEMBERED) {
                break;
            }
            remembered.put(r.event().id(), r);
        }
        waiting += fresh.size();
    }

    /** Events per batch for about {@code seconds} of work at the measured rate. */
    int batchFor(double seconds) {
        if (rate <= 0) {
            return MIN_BATCH;
        }
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, rate * seconds));
    }

    /**
     * Projects the queue's oldest {@code limit} events in one transaction and returns how many it
     * took off the queue, or -1 when the store failed (they stay queued).
     */
    int project(int limit) {
        long t0 = System.nanoTime();
        List<Received> batch;
        try {
            try {
                batch = db.write(c -> run(c, limit, false));
            } catch (ProjectionFailed e) {
                projections.forEach(Projection::rolledBack);
                log.warn("projection of event {} ({}) failed; the batch again with a savepoint per event",
                        e.event.event().id(), e.event.event().type());
                batch = db.write(c -> run(c, limit, true));
            }
        } catch (StoreException e) {
            projections.forEach(Projection::rolledBack);
            log.error("projection of up to {} stored events failed; they stay queued: {}", limit, e.getMessage());
            return -1;
        } catch (RuntimeException e) {
            projections.forEach(Projection::rolledBack);
            throw e;
        }
        for (Projection p : projections) {
            try {
                p.committed();
            } catch (RuntimeException e) {
                log.warn("after-commit work of {} failed: {}", p.getClass().getSimpleName(), e.toString());
            }
        }
        for (Received r : batch) {
            remembered.remove(r.event().id());
        }
        counters.projected.add(batch.size());
        waiting = batch.size() < limit ? 0 : Math.max(0, waiting - batch.size());
        measure(batch.size(), System.nanoTime() - t0);
        return batch.size();
    }

    private void measure(int events, long nanos) {
        if (events < RATE_SAMPLE_MIN || nanos <= 0) {
            return;
        }
        double sample = events / (nanos / 1e9);
        rate = rate == 0 || sample < rate ? sample : 0.5 * rate + 0.5 * sample;
    }

    /**
     * Takes the queue's oldest {@code limit} rows off the queue and applies the projections to
     * their events, each station's in {@code seq} order. The rows are deleted first: a projection
     * that asks which events are stored (the duty sessions) sees the batch's events and those
     * projected before, not the ones still queued.
     */
    private List<Received> run(Connection c, int limit, boolean savepoints) throws SQLException {
        List<String> ids = new ArrayList<>();
        long last = Long.MIN_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT n, event_id FROM projection_queue ORDER BY n LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    ids.add(rs.getString(2));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM projection_queue WHERE n <= ?")) {
            ps.setLong(1, last);
            ps.executeUpdate();
        }
        List<Received> batch = new ArrayList<>(ids.size());
        try (PreparedStatement read = c.prepareStatement("SELECT payload, received_at FROM events WHERE id=?")) {
            for (String id : ids) {
                Received r = remembered.get(UUID.fromString(id));
                if (r == null) {
                    r = load(read, id);
                }
                if (r != null) {
                    batch.add(r);
                }
            }
        }
        List<Received> sorted = new ArrayList<>(batch);
        sorted.sort(STATION_SEQ);
        for (Projection p : projections) {
            p.batch(sorted);
        }
        try (BatchStatements statements = new BatchStatements(c)) {
            for (Received r : sorted) {
                if (savepoints) {
                    projectUnderSavepoint(c, statements.connection(), r);
                } else {
                    project(statements.connection(), r);
                }
            }
        }
        return batch;
    }

    /** An event read back from the store, or null (logged) when its row is gone or unreadable. */
    private static Received load(PreparedStatement read, String id) throws SQLException {
        read.setString(1, id);
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                log.error("queued event {} is not in the store; not projected", id);
                return null;
            }
            try {
                Event e = Json.read(rs.getString(1).getBytes(StandardCharsets.UTF_8), Event.class);
                return new Received(e, Instant.ofEpochMilli(rs.getLong(2)));
            } catch (MalformedMessageException e) {
                log.error("stored event {} cannot be read ({}); not projected", id, e.getMessage());
                return null;
            }
        }
    }

    /** Applies the projections to one event; a failure is a {@link ProjectionFailed} for the whole batch. */
    private void project(Connection statements, Received r) {
        try {
            for (Projection p : projections) {
                p.apply(statements, r);
            }
        } catch (SQLException | RuntimeException e) {
            throw new ProjectionFailed(r, e);
        }
    }

    /** Applies the projections to one event on {@code statements} (the batch's), under a savepoint of {@code c}. */
    private void projectUnderSavepoint(Connection c, Connection statements, Received r) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            for (Projection p : projections) {
                p.apply(statements, r);
            }
            c.releaseSavepoint(sp);
        } catch (SQLException | RuntimeException e) {
            c.rollback(sp);
            log.error("projection of event {} ({}) failed; event kept, state not updated", r.event().id(), r.event().type(), e);
        }
    }

    /** A projection failed in a batch run without savepoints: roll back and run it with them. */
    private static final class ProjectionFailed extends RuntimeException {
        private final transient Received event;

        ProjectionFailed(Received event, Throwable cause) {
            super(cause);
            this.event = event;
        }
    }
}
