package org.gridstation.kiosk.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridstation.kiosk.store.KioskDatabase;
import org.gridstation.kiosk.store.StoreFullException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.event.ButtonPressed;
import org.gridstation.protocol.event.Event;
import org.gridstation.protocol.event.EventBody;
import org.gridstation.protocol.event.Severity;
import org.gridstation.protocol.event.WalkInRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store-and-forward queue of a station's events: stored, published, confirmed.
 *
 * <p>{@link #append} assigns the next sequence number (gap-free from 1, persisted) and commits the
 * event before it returns, so whatever the kiosk showed as confirmed survives a power cut. An
 * event leaves only when {@link #acknowledge} names it, i.e. when the gateway has committed it.
 *
 * <p>Urgent events (an emergency-button press, an urgent request) leave first: after a long
 * outage the command centre hears of an emergency before the evening's routine check-ins. The
 * gateway orders a station's events by {@code seq}, so publishing out of order changes nothing
 * there.
 *
 * <p><b>Re-sending.</b> A kiosk that re-sent everything unacknowledged after {@code resendAfter}
 * doubled a county's traffic whenever the gateway's backlog was longer than that (3.3 million
 * re-sends for 242,500 events in docs/scaling.md), although the broker had confirmed every
 * event (QoS 1) and the gateway was making progress. An event confirmed by the broker is lost
 * only if the broker or the gateway lost it; so an unacknowledged event is sent again only
 * <ol>
 * <li>when it was published before the current connection to the broker came up (a broker
 * restarted without persistence, or this kiosk restarted: once per connection);
 * <li>when the gateway has been silent towards this station — no ack at all — for the re-send
 * wait since the event was published (the gateway is down, or lost it). The wait starts at
 * {@code resendAfter} and doubles with every such silent round up to
 * {@value #MAX_BACKOFF} × {@code resendAfter}; any ack resets it. A round re-sends every event
 * that was due when it began;
 * <li>as a safety net, when it has waited {@value #SAFETY_FACTOR} × {@code resendAfter} for its
 * ack whatever else arrived (a gateway that acknowledges later events of a busy station while it
 * lost an earlier one).
 * </ol>
 * The gateway stores an event once by id and acknowledges duplicates, so a needless re-send
 * costs traffic, never a second row.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String SEQ_COUNTER = "event-seq";

    /** Builds an event body inside the append transaction, e.g. after updating local state with {@code connection}. */
    @FunctionalInterface
    public interface Composer {
        EventBody compose(Connection connection) throws SQLException;
    }

    private final KioskDatabase db;
    private final String stationId;
    private final Clock clock;
    private final java.util.function.Supplier<Duration> resendAfter;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();

    public Outbox(KioskDatabase db, String stationId, Clock clock, Duration resendAfter) {
        this(db, stationId, clock, () -> resendAfter);
    }

    /** An outbox whose re-send delay follows {@code resendAfter} (the station's setting, which the town may change). */
    public Outbox(KioskDatabase db, String stationId, Clock clock, java.util.function.Supplier<Duration> resendAfter) {
        this.db = db;
        this.stationId = stationId;
        this.clock = clock;
        this.resendAfter = resendAfter;
    }

    /** Registers a callback run after every committed append (the publisher wakes on it). */
    public void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    /**
     * Stores one event and returns it once committed.
     *
     * @throws OutboxFullException if the outbox is at its size limit or the disk is full
     */
    public Event append(EventBody body) {
        return append(c -> body);
    }

    /**
     * Runs {@code composer} and stores the body it returns, all in one transaction: either the state
     * change and the event both commit, or neither does.
     *
     * @throws OutboxFullException if the outbox is at its size limit or the disk is full
     */
    public Event append(Composer composer) {
        Event event;
        try {
            event = db.transaction(c -> {
                EventBody body = composer.compose(c);
                long seq = KioskDatabase.nextCounter(c, SEQ_COUNTER);
                Event e = Event.of(stationId, seq, clock.instant(), body);
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO outbox(seq, id, type, payload, created_ms, priority) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ins.setLong(1, seq);
                    ins.setString(2, e.id().toString());
                    ins.setString(3, e.type());
                    ins.setBytes(4, Json.write(e));
                    ins.setLong(5, clock.millis());
                    ins.setInt(6, priority(body));
                    ins.executeUpdate();
                }
                return e;
            });
        } catch (StoreFullException e) {
            log.error("outbox full, a new event was refused: {}", e.getMessage());
            throw new OutboxFullException("outbox is full", e);
        }
        log.debug("stored event seq={} type={}", event.seq(), event.type());
        appendListeners.forEach(Runnable::run);
        return event;
    }

    /**
     * Events to publish now, urgent ones first, then in sequence order: never published; published
     * "after" {@code now} — the device clock went back (a Pi has no RTC), and waiting for it to catch
     * up could hold an event back for hours; or published and still not acknowledged when one of the
     * re-send rules holds (see the class comment): published before the current broker
     * connection came up, or the gateway has been silent towards this station for the re-send
     * wait, or unacknowledged for {@value #SAFETY_FACTOR} × {@code resendAfter}.
     */
    public List<Event> due(Instant now, int limit) {
        Window w = window(now);
        return query("SELECT payload FROM outbox WHERE published_ms IS NULL OR published_ms > ? OR published_ms < ?"
                + " OR published_ms <= ? ORDER BY priority DESC, seq LIMIT ?",
                now.toEpochMilli(), w.connectedAt, w.cutoff, limit);
    }

    /** The longest silent-round wait, as a multiple of {@code resendAfter}. */
    static final int MAX_BACKOFF = 8;
    /** An unacknowledged event is re-sent after this many {@code resendAfter} whatever the acks. */
    static final int SAFETY_FACTOR = 16;

    private final Object resendLock = new Object();
    /** When the gateway last acknowledged anything for this station (ms; 0: not since start). */
    private long lastAckMs;
    /** When the current broker connection came up (ms; 0: not yet). */
    private long connectedMs;
    /** Silent rounds since the last ack: the wait is {@code resendAfter × 2^rounds}. */
    private int silentRounds;
    /** When the last silent round began, and the publish time up to which it re-sends. */
    private long roundStartedMs;
    private long roundCutoffMs = Long.MIN_VALUE;

    private record Window(long connectedAt, long cutoff, long waitMs, long reference) {
    }

    /** Tells the outbox that the connection to the broker has (re)started at {@code at}. */
    public void connected(Instant at) {
        synchronized (resendLock) {
            connectedMs = at.toEpochMilli();
            roundStartedMs = Math.max(roundStartedMs, connectedMs); // everything older goes now: the silence counts anew
        }
    }

    private Window window(Instant now) {
        long nowMs = now.toEpochMilli();
        long resendMs = resendAfter.get().toMillis();
        synchronized (resendLock) {
            if (lastAckMs > nowMs || roundStartedMs > nowMs || connectedMs > nowMs) {
                // the clock went back: count the silence from now on
                lastAckMs = Math.min(lastAckMs, nowMs);
                roundStartedMs = Math.min(roundStartedMs, nowMs);
                connectedMs = Math.min(connectedMs, nowMs);
                roundCutoffMs = Math.min(roundCutoffMs, nowMs);
            }
            long wait = resendMs << Math.min(silentRounds, Integer.numberOfTrailingZeros(MAX_BACKOFF));
            long reference = Math.max(lastAckMs, roundStartedMs);
            long cutoff = Math.max(roundCutoffMs, nowMs - (long) SAFETY_FACTOR * resendMs);
            if (nowMs - reference >= wait && anyPublishedAtOrBefore(nowMs - wait)) {
                silentRounds++;
                roundStartedMs = nowMs;
                roundCutoffMs = nowMs - wait;
                cutoff = Math.max(cutoff, roundCutoffMs);
                log.info("no ack from the gateway for {} s: re-sending what was published before that (round {})",
                        wait / 1000, silentRounds);
            }
            return new Window(connectedMs, cutoff, wait, reference);
        }
    }

    private boolean anyPublishedAtOrBefore(long ms) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM outbox WHERE published_ms <= ? LIMIT 1")) {
                q.setLong(1, ms);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** 1 for what the command centre must hear of first, else 0. */
    static int priority(EventBody body) {
        if (body instanceof ButtonPressed b && ButtonPressed.EMERGENCY.equals(b.button())) {
            return 1;
        }
        return body instanceof WalkInRequest r && r.severity() == Severity.URGENT ? 1 : 0;
    }

    private List<Event> query(String sql, long... params) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    q.setLong(i + 1, params[i]);
                }
                List<Event> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(Json.read(rs.getBytes(1), Event.class));
                    }
                }
                return out;
            }
        });
    }

    /**
     * When the earliest published-but-unacknowledged event became or becomes due again if no ack
     * arrives meanwhile, if any: the reconnect or the silent round that made it due, else the end of
     * the current silence wait or of its safety-net wait.
     */
    public Optional<Instant> nextResendAt() {
        Optional<Long> oldest = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT MIN(published_ms) FROM outbox WHERE published_ms IS NOT NULL");
                 ResultSet rs = q.executeQuery()) {
                long min = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Optional.<Long>empty() : Optional.of(min);
            }
        });
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        long resendMs = resendAfter.get().toMillis();
        long at;
        synchronized (resendLock) {
            long wait = resendMs << Math.min(silentRounds, Integer.numberOfTrailingZeros(MAX_BACKOFF));
            if (oldest.get() < connectedMs) {
                return Optional.of(Instant.ofEpochMilli(connectedMs)); // due since the connection came up
            }
            if (oldest.get() <= roundCutoffMs) {
                return Optional.of(Instant.ofEpochMilli(roundStartedMs)); // due since the current round began
            }
            at = Math.min(Math.max(oldest.get(), Math.max(lastAckMs, roundStartedMs)) + wait,
                    oldest.get() + (long) SAFETY_FACTOR * resendMs);
        }
        return Optional.of(Instant.ofEpochMilli(at));
    }

    /** Records that these events were handed to the broker at {@code at}. */
    public void markPublished(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE outbox SET published_ms = ? WHERE id = ?")) {
                for (UUID id : ids) {
                    up.setLong(1, at.toEpochMilli());
                    up.setString(2, id.toString());
                    up.addBatch();
                }
                up.executeBatch();
            }
            return null;
        });
    }

    /** Removes the events the gateway has committed. Unknown ids are ignored. Returns how many left. */
    public int acknowledge(Collection<UUID> ids) {
        synchronized (resendLock) {
            // the gateway is alive and answering this station: the silence wait starts again
            lastAckMs = Math.max(lastAckMs, clock.millis());
            silentRounds = 0;
            roundCutoffMs = Long.MIN_VALUE;
        }
        if (ids.isEmpty()) {
            return 0;
        }
        int removed = db.transaction(c -> {
            int n = 0;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                for (UUID id : ids) {
                    del.setString(1, id.toString());
                    n += del.executeUpdate();
                }
            }
            return n;
        });
        log.debug("acknowledged {} of {} ids", removed, ids.size());
        return removed;
    }

    /** Events stored and not yet acknowledged. */
    public long pendingCount() {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM outbox"); ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The highest sequence number ever assigned (0 before the first event). */
    public long lastSeq() {
        return db.read(c -> KioskDatabase.counter(c, SEQ_COUNTER));
    }

    /** Bytes the outbox database occupies. */
    public long sizeBytes() {
        return db.sizeBytes();
    }

    /** The ids of the emergency-button presses still waiting for the gateway's acknowledgement. */
    public List<UUID> pendingEmergencies() {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT payload FROM outbox WHERE type = ? ORDER BY seq")) {
                q.setString(1, ButtonPressed.TYPE);
                List<UUID> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Event e = Json.read(rs.getBytes(1), Event.class);
                        if (e.body() instanceof ButtonPressed b && ButtonPressed.EMERGENCY.equals(b.button())) {
                            out.add(e.id());
                        }
                    }
                }
                return out;
            }
        });
    }

    /** Every pending event in sequence order (for diagnostics and tests; the outbox is bounded). */
    public List<Event> pending() {
        return query("SELECT payload FROM outbox ORDER BY seq");
    }
}
