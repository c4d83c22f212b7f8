package org.gridstation.gateway.downlink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.gridstation.gateway.BackgroundThreads;
import org.gridstation.gateway.fleet.FleetSettings;
import org.gridstation.gateway.badge.Badges;
import org.gridstation.gateway.incident.Incidents;
import org.gridstation.gateway.mqtt.Publisher;
import org.gridstation.gateway.store.Database;
import org.gridstation.gateway.town.Station;
import org.gridstation.gateway.town.Town;
import org.gridstation.protocol.Json;
import org.gridstation.protocol.Schema;
import org.gridstation.protocol.Topics;
import org.gridstation.protocol.downlink.PublicKeys;
import org.gridstation.protocol.downlink.RevocationList;
import org.gridstation.protocol.downlink.Roster;
import org.gridstation.protocol.downlink.StationConfig;
import org.gridstation.protocol.downlink.StationSettings;
import org.gridstation.protocol.ticket.TicketBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the retained downlinks. {@link #requestRefresh()} coalesces bursts of changes (a
 * seeding of hundreds of people) into one pass; a pass publishes only what changed since the
 * last successful publish (by content digest, kept in the store), bumping a station config's
 * version when its content changed. A forced pass ({@link #republishAll()}) publishes everything.
 */
public final class Downlinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Downlinks.class);
    private static final long DEBOUNCE_MS = 100;

    private final Database db;
    private final Town town;
    private final Badges badges;
    private final Publisher publisher;
    private final Clock clock;
    private final StationDownlinks builder;
    private final Incidents incidents;
    private final FleetSettings fleet;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ticketsScheduled = new AtomicBoolean();
    private final Set<String> ticketsChanged = ConcurrentHashMap.newKeySet();
    /**
     * Per topic, the digest this gateway last stored in {@code downlink_state} or found there (the
     * downlinks thread only): a message rendered to the same digest is unchanged without reading the
     * store, which a pass over a county's 2,425 stations did about 10,000 times.
     */
    private final java.util.Map<String, String> known = new java.util.HashMap<>();
    /** What the running pass published with a new version (the downlinks thread only). */
    private final List<Published> published = new ArrayList<>();
    private final ScheduledExecutorService exec = BackgroundThreads.single("downlinks");

    public Downlinks(Database db, Town town, Badges badges, Publisher publisher, Clock clock, StationDownlinks builder,
            Incidents incidents, FleetSettings fleet) {
        this.incidents = incidents;
        this.fleet = fleet;
        this.db = db;
        this.town = town;
        this.badges = badges;
        this.publisher = publisher;
        this.clock = clock;
        this.builder = builder;
    }

    /**
     * Publishes what changed, and again every 30 s so that a station's roster follows its duty
     * date (a new day, or the end of a night duty that ran past midnight); unchanged messages
     * are not re-sent.
     */
    public void start() {
        requestRefresh();
        exec.scheduleWithFixedDelay(this::requestRefresh, 30, 30, TimeUnit.SECONDS);
    }

    /** Schedules a pass in about {@value #DEBOUNCE_MS} ms unless one is already scheduled. */
    public void requestRefresh() {
        if (scheduled.compareAndSet(false, true) && !exec.isShutdown()) {
            exec.schedule(() -> {
                scheduled.set(false);
                pass(false);
            }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Schedules, in about {@value #DEBOUNCE_MS} ms, a pass over only these stations' ticket boards
     * (what an incident's change touches). A full pass renders and compares every station's
     * config, roster and board — seconds of CPU for a county's 2,425 stations — and ran after every
     * new incident, back to back during a reconnect burst (docs/scaling.md).
     */
    public void requestTickets(Set<String> stations) {
        if (stations == null || stations.isEmpty()) {
            requestRefresh();
            return;
        }
        ticketsChanged.addAll(stations);
        if (ticketsScheduled.compareAndSet(false, true) && !exec.isShutdown()) {
            exec.schedule(() -> {
                ticketsScheduled.set(false);
                ticketPass();
            }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void ticketPass() {
        List<String> stations = new ArrayList<>(ticketsChanged);
        ticketsChanged.removeAll(stations);
        try {
            Instant now = clock.instant();
            for (String id : stations) {
                if (town.station(id).isEmpty()) {
                    continue; // not a station of the town: a full pass would not publish its board either
                }
                publishTickets(id, now, false);
            }
            storePublished();
        } catch (RuntimeException e) {
            published.clear();
            ticketsChanged.addAll(stations); // the next pass tries them again
            log.warn("publishing ticket boards failed: {}", e.toString(), e);
        }
    }

    private void publishTickets(String stationId, Instant now, boolean force) {
        List<TicketBoard.Ticket> tickets = incidents.board(stationId, now);
        send(Topics.tickets(stationId), Json.write(new TicketBoard(Schema.VERSION, stationId, 0, tickets, Instant.EPOCH)),
                v -> Json.write(new TicketBoard(Schema.VERSION, stationId, v, tickets, now)), force);
    }

    /** Schedules a pass that publishes everything, e.g. after a reconnect to the broker. */
    public void republishAll() {
        if (!exec.isShutdown()) {
            exec.execute(() -> pass(true));
        }
    }

    private void pass(boolean force) {
        try {
            Instant now = clock.instant();
            PublicKeys keys = badges.publicKeys();
            send(Topics.TOWN_KEYS, Json.write(new PublicKeys(Schema.VERSION, keys.keys(), Instant.EPOCH)),
                    v -> Json.write(keys), force);
            RevocationList rl = badges.revocationList();
            send(Topics.TOWN_REVOCATIONS, Json.write(new RevocationList(Schema.VERSION, rl.version(), rl.badgeIds(), Instant.EPOCH)),
                    v -> Json.write(rl), force);
            StationDownlinks wall = builder.forPass();
            for (Station s : town.stations()) {
                StationConfig probe = wall.config(s, 0, Instant.EPOCH);
                send(Topics.config(s.id()), Json.write(probe), v -> Json.write(wall.config(s, v, now)), force);
                LocalDate dutyDate = wall.dutyDate(s, now);
                Roster r = wall.roster(s, dutyDate, now);
                Roster canonical = new Roster(r.schema(), r.stationId(), r.date(), r.shifts(), Instant.EPOCH);
                send(Topics.roster(s.id()), Json.write(canonical), v -> Json.write(r), force);
                Optional<StationSettings> settings = fleet.message(s.id());
                if (settings.isPresent()) {
                    byte[] m = Json.write(settings.get());
                    send(Topics.settings(s.id()), m, v -> m, force);
                }
                publishTickets(s.id(), now, force);
            }
            storePublished();
        } catch (RuntimeException e) {
            published.clear();
            log.warn("publishing downlinks failed: {}", e.toString(), e);
        }
    }

    /**
     * Publishes {@code topic} retained if {@code canonical} differs from what was last published
     * (or if forced). {@code message} builds the bytes for a given version.
     */
    private void send(String topic, byte[] canonical, LongFunction<byte[]> message, boolean force) {
        String digest = digest(canonical);
        if (!force && digest.equals(known.get(topic))) {
            return; // what this gateway last stored or found stored: unchanged
        }
        long[] stored = stored(topic, digest);
        long version = stored[0];
        boolean changed = stored[1] == 1;
        if (!changed) {
            known.put(topic, digest);
        }
        if (!changed && !force) {
            return;
        }
        long v = changed ? version + 1 : version;
        if (publisher.publish(topic, message.apply(v), 1, true)) {
            if (changed) {
                published.add(new Published(topic, v, digest));
            }
        } else {
            log.debug("retained {} not published (broker unreachable); will retry on reconnect", topic);
        }
    }

    /** A retained message published with a new version, its state not yet stored. */
    private record Published(String topic, long version, String digest) {
    }

    /**
     * Stores the versions and digests of what the pass published, in one transaction: one commit
     * (one fsync) per changed message competed with the ingest writer for the store's one writer
     * connection, 2,425 of them when a burst changed every station's ticket board. If this fails,
     * the next pass publishes those messages again (their digests differ), which is harmless.
     */
    private void storePublished() {
        if (published.isEmpty()) {
            return;
        }
        List<Published> done = List.copyOf(published);
        published.clear();
        known.keySet().removeAll(done.stream().map(Published::topic).toList());
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO downlink_state(topic, version, digest) VALUES (?,?,?)
                    ON CONFLICT(topic) DO UPDATE SET version=excluded.version, digest=excluded.digest""")) {
                for (Published d : done) {
                    ps.setString(1, d.topic());
                    ps.setLong(2, d.version());
                    ps.setString(3, d.digest());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        done.forEach(d -> known.put(d.topic(), d.digest()));
    }

    /** {version, 1 if the digest differs}. */
    private long[] stored(String topic, String digest) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, digest FROM downlink_state WHERE topic=?")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new long[] {rs.getLong(1), digest.equals(rs.getString(2)) ? 0 : 1};
                    }
                    return new long[] {0, 1};
                }
            }
        });
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops publishing; idempotent. */
    @Override
    public void close() {
        BackgroundThreads.stop(exec);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
