package org.gridstation.gateway.downlink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 *
 * <p>What a pass renders: after a change ({@link #requestRefresh()}), on a forced pass and at least
 * every {@link #FULL_PASS_EVERY}, every message of every station; in between, the 30-s pass
 * renders only the rosters whose duty date moved on (nothing else changes with the clock alone
 * but the 60-day window of the ticket boards, which the full pass covers). Ticket boards follow
 * incident changes in their own passes ({@link #requestTickets}), spaced out while they are long.
 */
public final class Downlinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Downlinks.class);
    private static final long DEBOUNCE_MS = 100;
    /**
     * How often a pass renders everything even with no change heard: what another gateway
     * instance or a restore changed, the boards' 60-day window, a key rotation.
     */
    static final Duration FULL_PASS_EVERY = Duration.ofMinutes(10);
    /**
     * The longest wait between two ticket passes: a pass waits three times as long as the last one
     * took, at most this, so that a county's boards changing in every batch of a reconnect burst
     * take at most about a quarter of a core from the ingest (docs/scaling.md, round 5).
     */
    static final long MAX_TICKET_SPACING_MS = 3000;

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
    /** A change was heard since the last full pass began. */
    private final AtomicBoolean changed = new AtomicBoolean(true);
    /** When the last full pass began (the downlinks thread only). */
    private Instant lastFullPass = Instant.MIN;
    /** Per station, the duty date of the roster the last pass rendered (the downlinks thread only). */
    private final Map<String, LocalDate> rosterDates = new HashMap<>();
    /** System.nanoTime() before which no ticket pass starts (see {@link #MAX_TICKET_SPACING_MS}). */
    private volatile long nextTicketPass = System.nanoTime();
    private final Set<String> ticketsChanged = ConcurrentHashMap.newKeySet();
    /**
     * Per topic, the digest this gateway last stored in {@code downlink_state} or found there (the
     * downlinks thread only): a message rendered to the same digest is unchanged without reading the
     * store, which a pass over a county's 2,425 stations did about 10,000 times.
     */
    private final Map<String, String> known = new HashMap<>();
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
        exec.scheduleWithFixedDelay(this::schedulePass, 30, 30, TimeUnit.SECONDS);
    }

    /**
     * Something a station's messages are made of changed (the town, a revocation, fleet settings):
     * schedules a pass over everything in about {@value #DEBOUNCE_MS} ms unless one is already
     * scheduled.
     */
    public void requestRefresh() {
        changed.set(true);
        schedulePass();
    }

    private void schedulePass() {
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
            long waitMs = Math.max(DEBOUNCE_MS, TimeUnit.NANOSECONDS.toMillis(nextTicketPass - System.nanoTime()));
            exec.schedule(() -> {
                ticketsScheduled.set(false);
                ticketPass();
            }, waitMs, TimeUnit.MILLISECONDS);
        }
    }

    private void ticketPass() {
        long t0 = System.nanoTime();
        List<String> stations = new ArrayList<>(ticketsChanged);
        ticketsChanged.removeAll(stations);
        try {
            Instant now = clock.instant();
            // not a station of the town: a full pass would not publish its board either (one read
            // of the ids: a read per station was 2,425 reads per pass in a county burst)
            stations.retainAll(town.stationIds());
            publishTickets(stations, now, false);
            storePublished();
        } catch (RuntimeException e) {
            published.clear();
            ticketsChanged.addAll(stations); // the next pass tries them again
            log.warn("publishing ticket boards failed: {}", e.toString(), e);
        }
        long took = System.nanoTime() - t0;
        nextTicketPass = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_TICKET_SPACING_MS), 3 * took);
    }

    private void publishTickets(List<String> stationIds, Instant now, boolean force) {
        incidents.boards(stationIds, now).forEach((stationId, tickets) -> send(Topics.tickets(stationId),
                Json.write(new TicketBoard(Schema.VERSION, stationId, 0, tickets, Instant.EPOCH)),
                v -> Json.write(new TicketBoard(Schema.VERSION, stationId, v, tickets, now)), force));
    }

    /** Runs the 30-s pass now, on the downlinks thread, and waits for it (tests). */
    void periodicPassNow() throws Exception {
        exec.submit(() -> pass(false)).get();
    }

    /** Schedules a pass that publishes everything, e.g. after a reconnect to the broker. */
    public void republishAll() {
        if (!exec.isShutdown()) {
            exec.execute(() -> pass(true));
        }
    }

    private void pass(boolean force) {
        Instant now = clock.instant();
        boolean full = force || changed.getAndSet(false) || !now.isBefore(lastFullPass.plus(FULL_PASS_EVERY));
        try {
            if (full) {
                fullPass(now, force);
                lastFullPass = now;
            } else {
                rosterPass(now);
            }
        } catch (RuntimeException e) {
            published.clear();
            if (full) {
                changed.set(true); // the next pass renders everything again
            }
            log.warn("publishing downlinks failed: {}", e.toString(), e);
        }
    }

    /** Every station's roster whose duty date is not the one last rendered. */
    private void rosterPass(Instant now) {
        StationDownlinks wall = builder.forPass();
        Map<String, LocalDate> rendered = new HashMap<>();
        for (Station s : town.stations()) {
            LocalDate dutyDate = wall.dutyDate(s, now);
            if (!dutyDate.equals(rosterDates.get(s.id()))) {
                sendRoster(wall, s, dutyDate, now, false);
                rendered.put(s.id(), dutyDate);
            }
        }
        storePublished();
        rosterDates.putAll(rendered);
    }

    private void fullPass(Instant now, boolean force) {
        PublicKeys keys = badges.publicKeys();
        send(Topics.TOWN_KEYS, Json.write(new PublicKeys(Schema.VERSION, keys.keys(), Instant.EPOCH)),
                v -> Json.write(keys), force);
        RevocationList rl = badges.revocationList();
        send(Topics.TOWN_REVOCATIONS, Json.write(new RevocationList(Schema.VERSION, rl.version(), rl.badgeIds(), Instant.EPOCH)),
                v -> Json.write(rl), force);
        StationDownlinks wall = builder.forPass();
        Map<String, LocalDate> rendered = new HashMap<>();
        List<String> stationIds = new ArrayList<>();
        for (Station s : town.stations()) {
            StationConfig probe = wall.config(s, 0, Instant.EPOCH);
            send(Topics.config(s.id()), Json.write(probe), v -> Json.write(wall.config(s, v, now)), force);
            LocalDate dutyDate = wall.dutyDate(s, now);
            sendRoster(wall, s, dutyDate, now, force);
            rendered.put(s.id(), dutyDate);
            Optional<StationSettings> settings = fleet.message(s.id());
            if (settings.isPresent()) {
                byte[] m = Json.write(settings.get());
                send(Topics.settings(s.id()), m, v -> m, force);
            }
            stationIds.add(s.id());
        }
        publishTickets(stationIds, now, force);
        storePublished();
        rosterDates.clear();
        rosterDates.putAll(rendered);
    }

    private void sendRoster(StationDownlinks wall, Station s, LocalDate dutyDate, Instant now, boolean force) {
        Roster r = wall.roster(s, dutyDate, now);
        Roster canonical = new Roster(r.schema(), r.stationId(), r.date(), r.shifts(), Instant.EPOCH);
        send(Topics.roster(s.id()), Json.write(canonical), v -> Json.write(r), force);
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
