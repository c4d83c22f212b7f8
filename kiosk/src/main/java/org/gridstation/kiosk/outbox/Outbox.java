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
     * Events to publish now, urgent ones first, then in sequence order: never published, or
     * published at least {@code resendAfter} before {@code now} and still not acknowledged, or
     * published "after" {@code now} — the device clock went back (a Pi has no RTC), and waiting for
     * it to catch up could hold an event back for hours.
     */
    public List<Event> due(Instant now, int limit) {
        long cutoff = now.minus(resendAfter.get()).toEpochMilli();
        return query("SELECT payload FROM outbox WHERE published_ms IS NULL OR published_ms <= ? OR published_ms > ?"
                + " ORDER BY priority DESC, seq LIMIT ?", cutoff, now.toEpochMilli(), limit);
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

    /** When the earliest published-but-unacknowledged event becomes due again, if any. */
    public Optional<Instant> nextResendAt() {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT MIN(published_ms) FROM outbox WHERE published_ms IS NOT NULL");
                 ResultSet rs = q.executeQuery()) {
                long min = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(min).plus(resendAfter.get()));
            }
        });
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
