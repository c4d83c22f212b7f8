package org.gridstation.gateway.station;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.store.StoreException;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.station.Heartbeat;
import org.gridstation.protocol.station.StationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every station's connection. A station is online when its last status said online and
 * the gateway heard from it within the heartbeat timeout; it goes offline on an offline status
 * (a clean stop or its last will) or, with no will at all, when the timeout passes. A retained
 * status delivered on (re)subscription is old news: it sets the status but not "last seen".
 * State is saved to the store every tick, so "last seen" survives a restart.
 */
public final class StationMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationMonitor.class);

    private final Database db;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lastReported = new HashMap<>();
    private volatile java.util.function.Consumer<String> onTransition = s -> { };
    private final ScheduledExecutorService tick = BackgroundThreads.single("station-monitor");

    private static final class Entry {
        boolean statusOnline;
        Instant lastSeen;
        Instant statusAt;
        Health health;
        boolean dirty;
    }

    public StationMonitor(Database db, Duration heartbeatTimeout, Clock clock) {
        this.db = db;
        this.timeout = heartbeatTimeout;
        this.clock = clock;
    }

    /** Called with the station's id when it turns online or offline. */
    public void onTransition(java.util.function.Consumer<String> hook) {
        this.onTransition = hook;
    }

    /** Loads saved state and starts the periodic timeout check. */
    public void start() {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT station_id, status_online, last_seen, status_at, health FROM station_state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = new Entry();
                    e.statusOnline = rs.getBoolean(2);
                    long seen = rs.getLong(3);
                    e.lastSeen = rs.wasNull() ? null : Instant.ofEpochMilli(seen);
                    long at = rs.getLong(4);
                    e.statusAt = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                    String h = rs.getString(5);
                    e.health = h == null ? null : Json.read(h.getBytes(java.nio.charset.StandardCharsets.UTF_8), Health.class);
                    entries.put(rs.getString(1), e);
                }
            }
            return null;
        });
        long period = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
        tick.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** A status message arrived. */
    public void status(StationStatus s, Instant receivedAt, boolean retained) {
        Entry e = entries.computeIfAbsent(s.stationId(), k -> new Entry());
        synchronized (e) {
            e.statusOnline = s.online();
            e.statusAt = receivedAt;
            if (!retained) {
                e.lastSeen = receivedAt;
            }
            e.dirty = true;
        }
    }

    /** A heartbeat arrived. */
    public void heartbeat(Heartbeat h, Instant receivedAt) {
        Entry e = entries.computeIfAbsent(h.stationId(), k -> new Entry());
        synchronized (e) {
            e.lastSeen = receivedAt;
            e.health = new Health(h.uptimeSeconds(), h.diskFreeBytes(), h.cpuTemperatureC(), h.outboxBacklog(),
                    Duration.between(receivedAt, h.deviceTime()).toMillis(), h.softwareVersion(), h.settingsVersion(),
                    h.settingsError());
            e.dirty = true;
        }
    }

    /** Anything else (an event) arrived from the station. */
    public void seen(String stationId, Instant receivedAt) {
        Entry e = entries.computeIfAbsent(stationId, k -> new Entry());
        synchronized (e) {
            e.lastSeen = receivedAt;
            e.dirty = true;
        }
    }

    /** The station's state now. */
    public StationState state(String stationId) {
        Entry e = entries.get(stationId);
        if (e == null) {
            return StationState.unknown(stationId);
        }
        synchronized (e) {
            return new StationState(stationId, online(e, clock.instant()), e.statusOnline,
                    Optional.ofNullable(e.lastSeen), Optional.ofNullable(e.health));
        }
    }

    private boolean online(Entry e, Instant now) {
        return e.statusOnline && e.lastSeen != null && !e.lastSeen.plus(timeout).isBefore(now);
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            List<Map.Entry<String, Entry>> all = List.copyOf(entries.entrySet());
            for (Map.Entry<String, Entry> me : all) {
                boolean online;
                synchronized (me.getValue()) {
                    online = online(me.getValue(), now);
                }
                Boolean before = lastReported.put(me.getKey(), online);
                if (before == null || before != online) {
                    log.info("station {} is {}", me.getKey(), online ? "online" : "offline");
                    onTransition.accept(me.getKey());
                }
            }
            save(all);
        } catch (RuntimeException e) {
            log.warn("station monitor tick failed: {}", e.toString());
        }
    }

    private void save(List<Map.Entry<String, Entry>> all) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (Map.Entry<String, Entry> me : all) {
            Entry e = me.getValue();
            synchronized (e) {
                if (e.dirty) {
                    rows.add(new Object[] {me.getKey(), e.statusOnline, e.lastSeen, e.statusAt, e.health});
                    e.dirty = false;
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO station_state(station_id, status_online, last_seen, status_at, health) VALUES (?,?,?,?,?)
                        ON CONFLICT(station_id) DO UPDATE SET status_online=excluded.status_online,
                        last_seen=excluded.last_seen, status_at=excluded.status_at, health=excluded.health""")) {
                    for (Object[] r : rows) {
                        ps.setString(1, (String) r[0]);
                        ps.setInt(2, (Boolean) r[1] ? 1 : 0);
                        setInstant(ps, 3, (Instant) r[2]);
                        setInstant(ps, 4, (Instant) r[3]);
                        ps.setString(5, r[4] == null ? null : Json.writeString(r[4]));
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (StoreException e) {
            log.warn("cannot save station state: {}", e.getMessage());
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws java.sql.SQLException {
        if (t == null) {
            ps.setNull(i, java.sql.Types.INTEGER);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    /** Stops the timeout check and saves the state; idempotent. */
    @Override
    public void close() {
        if (tick.isShutdown()) {
            return;
        }
        BackgroundThreads.stop(tick);
        save(List.copyOf(entries.entrySet()));
    }
}
