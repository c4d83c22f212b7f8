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
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.StoreException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.MalformedMessageException;
import org.gridstation.protocol.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the projections (duty sessions, incidents and their ladder, notices, month cells) to
 * stored events, behind the acknowledgement. The {@link EventWriter} numbers each new event
 * ({@code events.n} = 1, 2, … in the order stored) and advances {@code projection_cursor.stored} in
 * the transaction that stores it, then acknowledges it; this class applies the projections to the
 * events after {@code projection_cursor.projected}, in that order, and advances it in the same
 * transaction. So every stored event is projected exactly once, by whichever gateway instance gets
 * there first (writes are serialised across instances), also after a crash or a restart.
 *
 * <p>Runs on the writer's thread, between its batches. It keeps the events it was handed by
 * {@link #stored} (up to {@value #MAX_REMEMBERED}) so that it need not parse them again from the
 * store; an event it does not have (stored before a restart, by another instance, or beyond that
 * bound) is read back from {@code events}.
 */
final class Projector {
    /**
     * Events kept in memory for their projection, at most. They share the intake's room
     * ({@link EventWriter#MAX_PENDING} events received and not yet stored), so the events the
     * ingest holds stay within that, as before projections followed the ack; this bound leaves the
     * intake a fifth of it. An event not kept is read back from the store, which made the
     * projections of a county's burst a quarter slower when only 100,000 were kept.
     */
    static final int MAX_REMEMBERED = 250_000;
    /** Events per batch before the rate is measured, and at least after (a commit costs an fsync). */
    static final int MIN_BATCH = 500;
    static final int MAX_BATCH = 5000;
    /** Batches at least this large measure the rate: the first full batch does. */
    static final int RATE_SAMPLE_MIN = MIN_BATCH;
    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final Comparator<Received> STATION_SEQ = Comparator
            .comparing((Received r) -> r.event().stationId()).thenComparingLong(r -> r.event().seq());

    private final Database db;
    private final List<Projection> projections;
    private final IngestCounters counters;
    /** The intake's room: one permit per event kept in {@link #remembered}. */
    private final Semaphore room;
    /** Events stored by this instance and not yet projected, by number (writer thread only). */
    private final NavigableMap<Long, Received> remembered = new TreeMap<>();
    /** Events stored and not yet projected, as the cursor said when this instance last looked. */
    private volatile long waiting;
    /** Events per second projected in a full batch (0 until measured; writer thread only). */
    private double rate;

    Projector(Database db, List<Projection> projections, IngestCounters counters, Semaphore room) {
        this.db = db;
        this.projections = List.copyOf(projections);
        this.counters = counters;
        this.room = room;
    }

    /**
     * Reads from the store how many events wait for their projections (stored before a restart, or
     * by another instance) and returns it.
     */
    long recount() {
        long[] cursor = db.read(Projector::cursor);
        waiting = Math.max(0, cursor[0] - cursor[1]);
        forget(cursor[1]); // projected by another instance meanwhile
        return waiting;
    }

    /** The cursor's {stored, projected}. */
    private static long[] cursor(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT stored, projected FROM projection_cursor WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("projection_cursor has no row");
            }
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Events stored, as this instance knows, and not yet projected. */
    long waiting() {
        return waiting;
    }

    /** The writer stored these new events, numbered {@code first}, {@code first + 1}, … in this order. */
    void stored(long first, List<Received> fresh) {
        int keep = Math.min(fresh.size(), Math.min(MAX_REMEMBERED - remembered.size(), room.availablePermits()));
        if (keep > 0 && room.tryAcquire(keep)) {
            for (int i = 0; i < keep; i++) {
                remembered.put(first + i, fresh.get(i));
            }
        }
        waiting += fresh.size();
    }

    /** Drops the events numbered up to {@code projected} from memory and gives their room back to the intake. */
    private void forget(long projected) {
        NavigableMap<Long, Received> done = remembered.headMap(projected, true);
        int n = done.size();
        if (n > 0) {
            done.clear();
            room.release(n);
        }
    }
    /** Events per batch for about {@code seconds} of work at the measured rate. */
    int batchFor(double seconds) {
        if (rate <= 0) {
            return MIN_BATCH;
        }
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, rate * seconds));
    }

    /**
     * Projects the next {@code limit} stored events after the cursor in one transaction and returns
     * how many, or -1 when the store failed (the cursor stays where it was).
     */
    int project(int limit) {
        long t0 = System.nanoTime();
        Batch batch;
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
            log.error("projection of up to {} stored events failed; they stay unprojected: {}", limit, e.getMessage());
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
        forget(batch.projected());
        counters.projected.add(batch.events().size());
        waiting = Math.max(0, batch.stored() - batch.projected());
        measure(batch.events().size(), System.nanoTime() - t0);
        return batch.events().size();
    }

    private void measure(int events, long nanos) {
        if (events < RATE_SAMPLE_MIN || nanos <= 0) {
            return;
        }
        double sample = events / (nanos / 1e9);
        rate = rate == 0 || sample < rate ? sample : 0.5 * rate + 0.5 * sample;
    }

    /** What a projection transaction did: its events, and the cursor after it. */
    private record Batch(List<Received> events, long stored, long projected) {
    }

    /**
     * Applies the projections to the next {@code limit} events after the cursor (each station's in
     * {@code seq} order) and advances it. A projection that asks which events are stored (the
     * duty sessions) is told the batch's last number, so it sees the batch's events and those
     * projected before, not the ones stored after.
     */
    private Batch run(Connection c, int limit, boolean savepoints) throws SQLException {
        long[] cursor = cursor(c);
        long from = cursor[1] + 1;
        long to = Math.min(cursor[0], cursor[1] + limit);
        if (to < from) {
            return new Batch(List.of(), cursor[0], cursor[1]);
        }
        Map<Long, Received> byNumber = new HashMap<>(remembered.subMap(from, true, to, true));
        if (byNumber.size() < to - from + 1) {
            readBack(c, from, to, byNumber);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE projection_cursor SET projected = ? WHERE id = 1")) {
            ps.setLong(1, to);
            ps.executeUpdate();
        }
        List<Received> sorted = new ArrayList<>(byNumber.values());
        sorted.sort(STATION_SEQ);
        for (Projection p : projections) {
            p.batch(sorted, to);
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
        return new Batch(sorted, cursor[0], to);
    }

    /** Reads the events numbered {@code from}…{@code to} that {@code byNumber} lacks from the store. */
    private static void readBack(Connection c, long from, long to, Map<Long, Received> byNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT n, id, payload, received_at FROM events WHERE n >= ? AND n <= ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(1);
                    if (!byNumber.containsKey(n)) {
                        Received r = parse(rs.getString(2), rs.getString(3), rs.getLong(4));
                        if (r != null) {
                            byNumber.put(n, r);
                        }
                    }
                }
            }
        }
    }

    /** An event read back from the store, or null (logged) when its JSON cannot be read. */
    private static Received parse(String id, String payload, long receivedAt) {
        try {
            Event e = Json.read(payload.getBytes(StandardCharsets.UTF_8), Event.class);
            return new Received(e, Instant.ofEpochMilli(receivedAt));
        } catch (MalformedMessageException e) {
            log.error("stored event {} cannot be read ({}); not projected", id, e.getMessage());
            return null;
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
