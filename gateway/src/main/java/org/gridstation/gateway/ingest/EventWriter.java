package org.gridstation.gateway.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.StoreException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.Ack;
import org.gridstation.protocol.event.CheckIn;
import org.gridstation.protocol.event.CheckOut;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.ScanRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes events: drains the queue in batches of up to {@value #MAX_BATCH}
 * (round-robin over the stations when there is a backlog, see {@link #nextBatch}), stores each
 * with {@code INSERT … ON CONFLICT(id) DO NOTHING}, numbering the new ones ({@code events.n}) and
 * advancing {@code projection_cursor.stored}, commits, and then has its own thread publish one
 * {@link Ack} per station naming every id of the batch, duplicates included (see
 * {@link #acknowledge}); batches committed while that thread waited for the broker go out
 * together, one ack per station. Between its batches the same
 * thread has the {@link Projector} apply the projections to what was stored, in later
 * transactions: an ack says the event is stored for good, not that its duty session or incident
 * is already there (in a county's reconnect that follows seconds later; in steady load within
 * the same pass of this loop).
 */
final class EventWriter {
    /**
     * Events per transaction at most. A batch has one ack per station in it, so with a county's
     * 2,425 stations a batch of 1,000 meant about one ack message per event; 5,000 halves that
     * during a backlog (in steady load batches are small anyway).
     */
    static final int MAX_BATCH = 5000;
    /** Ids per ack message, so an ack stays far below the payload limit. */
    static final int MAX_IDS_PER_ACK = 500;
    /**
     * Events received and not yet written (queued, in the per-station backlog, or in the batch
     * being written), at most; {@link #submit} waits for room beyond that. The intake should not
     * wait for the writer's next batch: with an external broker, the events a station has
     * published then wait in the broker's queue for the gateway's session, and Mosquitto drops
     * what is beyond its {@code max_queued_messages} (1,000,000 in the deployment's configuration).
     * Before, a queue of 50,000 was emptied into the backlog only between batches (seconds apart
     * on PostgreSQL), and a full queue held the MQTT callback until the batch was written.
     * 300,000 is what queue and backlog held together then. Events the {@link Projector} keeps
     * for their projections count too (it keeps one only where there is room), so the ingest holds
     * no more events in memory than it did when projections ran before the ack.
     */
    static final int MAX_PENDING = 300_000;
    /**
     * How long one round over all the stations waiting may take, at the writer's measured rate:
     * every station with a backlog is served (and so hears an ack) about this often. A third of
     * the kiosks' default {@code resend.seconds} (15), so they never go silent long enough to
     * re-send.
     */
    static final double ROUND_SECONDS = 5;
    /** The most events one station gets into a batch (the kiosk's publish window). */
    static final int MAX_PER_STATION = 100;
    /** Batches at least this large measure the writer's rate (small ones are mostly overhead). */
    static final int RATE_SAMPLE_MIN = 500;
    /**
     * How long one batch may take at the measured rate (at least {@value #MIN_BATCH} events, at
     * most {@value #MAX_BATCH}). On a loaded machine a batch of 5,000 took 10 s, and a station
     * whose events arrived just after one began heard its first ack only after the next one, past
     * its {@code resend.seconds}: nearly every event of a 2,425-station burst was sent twice.
     */
    static final double BATCH_SECONDS = 2;
    static final int MIN_BATCH = 500;
    /**
     * Acks go at QoS 0: a lost ack costs the station a re-send, which is stored once by id and
     * acknowledged again (docs/protocol.md, Ack), while QoS 1 cost two more packets per ack (the
     * broker's and the kiosk's PUBACK), the broker's in-flight bookkeeping towards each kiosk, and
     * a delivery-complete callback on the MQTT client's one callback thread, which also parses
     * every incoming event.
     */
    static final int ACK_QOS = 0;
    /**
     * Under load, the ack thread sends a round of acks at most this often: after a round that
     * acknowledged {@value #ACK_LINGER_STATIONS} stations or more, it waits until this long after
     * that round began and then sends everything committed meanwhile, one ack per station (half
     * of {@link #ROUND_SECONDS}, far inside the kiosks' 15-s silence). Since the writer stores
     * faster than Mosquitto delivers a county's reconnect (the projections behind the ack), its
     * batches come small and often, each spanning many stations: one ack per station and batch
     * was about one ack message per event, Mosquitto (sharing 2 cores) read the gateway's
     * connection slowly, and every event was re-sent once more than before (docs/scaling.md,
     * round 9). In steady use a round acknowledges a station or two and goes at once.
     */
    static final long ACK_LINGER_NANOS = 2_500_000_000L;
    static final int ACK_LINGER_STATIONS = 100;
    /**
     * While events wait to be stored, the projections still get a slice of this long every
     * {@value #PROJECTION_EVERY_SECONDS} s, so a backlog that never ends cannot starve them; the
     * rest of the time goes to storing and acknowledging (about a fifth of the cost of projecting).
     */
    static final double PROJECTION_SLICE_SECONDS = 0.25;
    static final double PROJECTION_EVERY_SECONDS = 1;
    /** With nothing to store, one projection batch is about this long, so a new event waits no longer to be stored. */
    static final double PROJECTION_IDLE_SECONDS = 0.5;
    /** How often an idle writer looks for events another instance stored and left unprojected. */
    static final long CURSOR_POLL_NANOS = 1_000_000_000L;
    /** After a failed projection batch, the writer waits this long before the next (a store that fails keeps failing). */
    static final long PROJECTION_RETRY_NANOS = 1_000_000_000L;
    /** On close, how long the writer goes on projecting what is stored before it leaves the rest to the next start. */
    static final long CLOSE_PROJECTION_NANOS = 15_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    private final Database db;
    private final Publisher publisher;
    private final Projector projector;
    private final IngestCounters counters;
    private final Clock clock;
    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    /**
     * Room for {@value #MAX_PENDING} events held in memory: taken in {@link #submit}, given back
     * after each batch, or once projected for the events the {@link Projector} keeps.
     */
    private final Semaphore room = new Semaphore(MAX_PENDING);
    /** Events taken off the queue and not yet in a batch, per station in rotation order (writer thread only). */
    private final LinkedHashMap<String, ArrayDeque<Received>> backlog = new LinkedHashMap<>();
    private volatile int backlogSize;
    private final Thread thread;
    /** The acks of committed batches, one map (station → ids) per batch, for the ack thread. */
    private final LinkedBlockingQueue<Map<String, Set<UUID>>> ackQueue = new LinkedBlockingQueue<>();
    private final Thread ackThread;
    private volatile boolean acksStopping;
    private volatile boolean stopping;
    /** Stations found in the store (writer thread only): a station is never deleted. */
    private final Set<String> knownStations = new HashSet<>();
    /** Events per second the writer stores in a full batch (moving average; 0 until measured; writer thread only). */
    private double rate;
    /** When the projections last ran, and when a projection batch last failed (writer thread only). */
    private long lastProjection;
    private long lastProjectionFailure = Long.MIN_VALUE / 2;
    private long lastCursorPoll;

    EventWriter(Database db, Publisher publisher, List<Projection> projections, IngestCounters counters, Clock clock) {
        this.db = db;
        this.publisher = publisher;
        this.projector = new Projector(db, projections, counters, room);
        this.counters = counters;
        this.clock = clock;
        this.thread = new Thread(this::run, "ingest-writer");
        this.ackThread = new Thread(this::publishAcks, "ingest-acks");
    }

    void start() {
        long queued = projector.recount();
        if (queued > 0) {
            log.info("{} stored events not yet projected (left by a stop or another instance); projecting them", queued);
        }
        thread.start();
        ackThread.start();
    }

    /**
     * Queues an event; blocks while {@value #MAX_PENDING} events wait for the writer
     * (back-pressure on the broker connection).
     */
    void submit(Received r) {
        if (stopping) {
            log.debug("ingest closing; event left for the station to re-send");
            return;
        }
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        queue.add(r);
    }

    int pending() {
        return queue.size() + backlogSize;
    }

    /** Events stored and acknowledged whose projections have not yet run, as far as this instance knows. */
    long unprojected() {
        return projector.waiting();
    }

    private void run() {
        List<Received> batch = new ArrayList<>(MAX_BATCH);
        lastProjection = System.nanoTime();
        while (true) {
            try {
                if (backlogSize == 0) {
                    Received first = projector.waiting() > 0 ? queue.poll() : queue.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            projectBeforeClose();
                            return;
                        }
                        if (projector.waiting() > 0) {
                            project(PROJECTION_IDLE_SECONDS);
                        } else {
                            pollCursor();
                        }
                        continue;
                    }
                    take(first);
                }
                pull();
                if (projector.waiting() > 0
                        && System.nanoTime() - lastProjection > (long) (PROJECTION_EVERY_SECONDS * 1e9)) {
                    project(PROJECTION_SLICE_SECONDS);
                }
                long t0 = System.nanoTime();
                nextBatch(batch);
                writeBatch(batch);
                measure(batch.size(), System.nanoTime() - t0);
            } catch (InterruptedException e) {
                if (!stopping) {
                    log.warn("ingest writer interrupted");
                }
                return;
            } catch (RuntimeException e) {
                log.error("ingest batch of {} events failed; stations will re-send", batch.size(), e);
            } finally {
                room.release(batch.size());
                batch.clear();
            }
        }
    }

    /** One projection batch of about {@code seconds}, unless one failed within the last second. */
    private void project(double seconds) throws InterruptedException {
        long now = System.nanoTime();
        lastProjection = now;
        if (now - lastProjectionFailure < PROJECTION_RETRY_NANOS) {
            if (backlogSize == 0 && queue.isEmpty()) {
                Thread.sleep(50); // nothing else to do: do not spin
            }
            return;
        }
        try {
            if (projector.project(projector.batchFor(seconds)) < 0) {
                lastProjectionFailure = System.nanoTime();
            }
        } catch (RuntimeException e) {
            lastProjectionFailure = System.nanoTime();
            log.error("projection batch failed; its events stay unprojected until the next try", e);
        }
    }

    /** When idle, about once a second: has another instance stored events not yet projected? */
    private void pollCursor() {
        long now = System.nanoTime();
        if (now - lastCursorPoll < CURSOR_POLL_NANOS) {
            return;
        }
        lastCursorPoll = now;
        try {
            projector.recount();
        } catch (StoreException e) {
            log.warn("reading the projection cursor failed: {}", e.getMessage());
        }
    }

    /** On close: projects what is stored for up to {@value #CLOSE_PROJECTION_NANOS} ns; the rest waits for the next start. */
    private void projectBeforeClose() throws InterruptedException {
        long deadline = System.nanoTime() + CLOSE_PROJECTION_NANOS;
        while (projector.waiting() > 0 && System.nanoTime() < deadline) {
            project(PROJECTION_IDLE_SECONDS);
            if (System.nanoTime() - lastProjectionFailure < PROJECTION_RETRY_NANOS) {
                break;
            }
        }
        if (projector.waiting() > 0) {
            log.warn("about {} stored events not yet projected at close; projected at the next start", projector.waiting());
        }
    }

    /** Moves everything queued into the per-station backlog. */
    private void pull() {
        List<Received> drained = new ArrayList<>();
        queue.drainTo(drained);
        drained.forEach(this::take);
    }

    private void take(Received r) {
        backlog.computeIfAbsent(r.event().stationId(), k -> new ArrayDeque<>()).addLast(r);
        backlogSize++;
    }

    /**
     * Fills {@code batch} round-robin over the stations with a backlog, each station's events in
     * arrival order: every station waiting gets some of its events into every round, and so an ack
     * every round. In arrival order, a county's reconnect (each station publishing its whole
     * backlog at once) left the stations that came last without any ack for longer than the
     * kiosks' {@code resend.seconds}, and they sent everything again.
     *
     * <p>A station gets as many events per turn as keeps a round over all the stations waiting
     * within {@value #ROUND_SECONDS} s at the measured rate (at most {@value #MAX_PER_STATION}):
     * each turn costs one ack message, and with 2,425 stations an even share of a batch of 5,000
     * was two events per ack. A round may span several batches, each about
     * {@value #BATCH_SECONDS} s of work ({@link #batchSize}).
     */
    private void nextBatch(List<Received> batch) {
        int limit = batchSize(rate);
        int perStation = perStation(backlog.size(), rate);
        while (batch.size() < limit && !backlog.isEmpty()) {
            List<String> stations = new ArrayList<>(backlog.keySet());
            for (String station : stations) {
                ArrayDeque<Received> q = backlog.remove(station);
                for (int i = 0; i < perStation && !q.isEmpty() && batch.size() < limit; i++) {
                    batch.add(q.pollFirst());
                    backlogSize--;
                }
                if (!q.isEmpty()) {
                    backlog.put(station, q); // to the end of the rotation
                }
                if (batch.size() >= limit) {
                    break;
                }
            }
        }
    }

    /**
     * Events per station and turn for {@code stations} waiting at {@code rate} events/s: as many
     * as keep a round within {@value #ROUND_SECONDS} s, at least one and at most
     * {@value #MAX_PER_STATION}; before the rate is known, an even share of the first batch
     * ({@value #MIN_BATCH} events).
     */
    static int perStation(int stations, double rate) {
        int n = Math.max(1, stations);
        if (rate <= 0) {
            return Math.max(1, MIN_BATCH / n);
        }
        return (int) Math.max(1, Math.min(MAX_PER_STATION, rate * ROUND_SECONDS / n));
    }

    /**
     * Events per batch at {@code rate} events/s: about {@value #BATCH_SECONDS} s of work, within the
     * bounds; {@value #MIN_BATCH} until the rate is known. A first batch of {@value #MAX_BATCH}
     * takes seconds on PostgreSQL while the gateway's code is not yet compiled, and no station
     * hears an ack before it is written; a small one measures the rate sooner.
     */
    static int batchSize(double rate) {
        if (rate <= 0) {
            return MIN_BATCH;
        }
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, rate * BATCH_SECONDS));
    }

    /**
     * Updates the writer's rate from a batch of {@code events} written in {@code nanos}. A slower
     * batch counts at once, a faster one by half: a batch of duplicates (re-sends, no projections)
     * is fast, and overestimating the rate lengthens the rounds.
     */
    private void measure(int events, long nanos) {
        if (events < RATE_SAMPLE_MIN || nanos <= 0) {
            return;
        }
        double sample = events / (nanos / 1e9);
        rate = rate == 0 || sample < rate ? sample : 0.5 * rate + 0.5 * sample;
    }

    private void writeBatch(List<Received> batch) {
        Stored stored;
        try {
            stored = db.write(c -> store(c, batch));
        } catch (StoreException e) {
            log.error("store failed for a batch of {} events; nothing acknowledged: {}", batch.size(), e.getMessage());
            batch.forEach(r -> counters.reject(RejectReason.STORE_FAILED, r.event().stationId()));
            return;
        }
        projector.stored(stored.first(), stored.fresh());
        counters.batches.increment();
        counters.accepted.add(stored.fresh().size());
        counters.duplicates.add(batch.size() - stored.fresh().size());
        acknowledge(batch);
    }

    /** The batch's new events, numbered {@code first}, {@code first + 1}, … in this order. */
    private record Stored(long first, List<Received> fresh) {
    }

    /**
     * Stores the batch's events, numbers the new ones after {@code projection_cursor.stored} and
     * advances it, in one transaction: every stored event is numbered, so the {@link Projector}
     * applies its projections once, later, even if the gateway stops in between.
     */
    private Stored store(Connection c, List<Received> batch) throws SQLException {
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT stored FROM projection_cursor WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("projection_cursor has no row");
            }
            last = rs.getLong(1);
        }
        long first = last + 1;
        List<Received> fresh = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO events(id, station_id, seq, type, person_id, device_time, received_at, payload, n)
                VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING""")) {
            for (Received r : batch) {
                Event e = r.event();
                ps.setString(1, e.id().toString());
                ps.setString(2, e.stationId());
                ps.setLong(3, e.seq());
                ps.setString(4, e.type());
                ps.setString(5, personOf(e));
                ps.setLong(6, e.deviceTime().toEpochMilli());
                ps.setLong(7, r.receivedAt().toEpochMilli());
                ps.setString(8, Json.writeString(e));
                ps.setLong(9, last + 1);
                if (ps.executeUpdate() == 1) {
                    last++;
                    fresh.add(r);
                }
            }
        }
        if (!fresh.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE projection_cursor SET stored = ? WHERE id = 1")) {
                ps.setLong(1, last);
                ps.executeUpdate();
            }
        }
        countUnknownStations(c, fresh);
        return new Stored(first, fresh);
    }

    /**
     * Counts the batch's events from stations the town does not know. A station once found is
     * remembered (stations are never deleted), so the writer reads each station's row once, not
     * once per batch.
     */
    private void countUnknownStations(Connection c, List<Received> fresh) throws SQLException {
        Set<String> unknown = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM stations WHERE id=?")) {
            for (Received r : fresh) {
                String s = r.event().stationId();
                if (knownStations.contains(s)) {
                    continue;
                }
                if (unknown.contains(s)) {
                    counters.unknownStations.increment();
                    continue;
                }
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        knownStations.add(s);
                    } else {
                        unknown.add(s);
                        counters.unknownStations.increment();
                    }
                }
            }
        }
    }

    /**
     * Hands the batch's acks to the ack thread. The writer must never wait for the broker: when
     * the queue is full, the MQTT client's callback thread waits in {@link #submit}, and with it the
     * client's receiving thread, which is also the one that reads the broker's PUBACKs for the
     * acks. A writer publishing its acks itself then waited for PUBACKs nobody read (10 s per ack
     * before giving up) and the ingest stood still in a county burst on a quiet machine.
     */
    private void acknowledge(List<Received> batch) {
        Map<String, Set<UUID>> byStation = new LinkedHashMap<>();
        for (Received r : batch) {
            byStation.computeIfAbsent(r.event().stationId(), k -> new LinkedHashSet<>()).add(r.event().id());
        }
        ackQueue.add(byStation);
    }

    private void publishAcks() {
        long lingerUntil = 0;
        while (true) {
            Map<String, Set<UUID>> byStation;
            try {
                byStation = ackQueue.poll(50, TimeUnit.MILLISECONDS);
                long wait = lingerUntil - System.nanoTime();
                if (byStation != null && wait > 0 && !acksStopping) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (byStation == null) {
                if (acksStopping) {
                    return;
                }
                continue;
            }
            long round = System.nanoTime();
            Map<String, Set<UUID>> merged = mergeQueuedAcks(byStation);
            lingerUntil = merged.size() >= ACK_LINGER_STATIONS ? round + ACK_LINGER_NANOS : 0;
            merged.forEach((station, ids) -> {
                List<UUID> all = List.copyOf(ids);
                for (int i = 0; i < all.size(); i += MAX_IDS_PER_ACK) {
                    Ack ack = Ack.of(station, all.subList(i, Math.min(all.size(), i + MAX_IDS_PER_ACK)), clock.instant());
                    if (publisher.publish(Topics.ack(station), Json.write(ack), ACK_QOS, false)) {
                        counters.acks.increment();
                    } else {
                        log.warn("ack to station {} not sent (broker unreachable); it will re-send", station);
                    }
                }
            });
        }
    }

    /**
     * Adds to {@code first} (and returns it) the acks of every batch committed since, one entry per
     * station: when the broker takes acks more slowly than the writer commits batches, a station
     * hears one ack for several batches instead of one per batch, so the acks waiting shrink
     * rather than grow.
     */
    private Map<String, Set<UUID>> mergeQueuedAcks(Map<String, Set<UUID>> first) {
        List<Map<String, Set<UUID>>> more = new ArrayList<>();
        ackQueue.drainTo(more);
        for (Map<String, Set<UUID>> batch : more) { // the queued maps are this thread's alone now
            batch.forEach((station, ids) -> first.computeIfAbsent(station, k -> new LinkedHashSet<>()).addAll(ids));
        }
        return first;
    }

    private static String personOf(Event e) {
        if (e.body() instanceof CheckIn ci) {
            return ci.personId();
        }
        if (e.body() instanceof CheckOut co) {
            return co.personId();
        }
        if (e.body() instanceof ScanRefused sr) {
            return sr.personId().orElse(null);
        }
        return null;
    }

    /**
     * Stops taking events, then stores and acknowledges what is queued and projects what is stored
     * (for up to {@link #CLOSE_PROJECTION_NANOS}; the rest at the next start); idempotent.
     */
    void close() {
        stopping = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("ingest writer did not finish within 30 s; {} events left for re-send", queue.size());
            thread.interrupt();
        }
        acksStopping = true;
        try {
            ackThread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ackThread.isAlive()) {
            log.warn("acks did not go out within 15 s; their stations will re-send");
            ackThread.interrupt();
        }
    }
}
